using System.Net;
using ClientCrm.Domain.Complaints;
using ClientCrm.Domain.Notifications;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Complaints;

/// <summary>
/// Issue 12, complaints (seed 001 三(二)) on the pages: recorded by the owner, investigated by the head, instructed by a
/// leader, corrected, the client told, archived; open ones in the client's warning column; 404 outside the scope.
/// </summary>
public sealed class ComplaintWorkflowTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_complaint_goes_from_the_owner_to_the_head_a_leader_and_back_to_the_client_and_leaves_the_warning_column_when_archived()
    {
        var clientId = await App.WithDbAsync(db => db.Clients.Where(c => c.OwnerId == db.Users.First(u => u.UserName == "staff1a").Id
                && !db.Complaints.Any(x => x.ClientId == c.Id))
            .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());
        var staff = await SignedInAsync("staff1a");
        var today = App.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using (var missing = await staff.SubmitAsync($"/Complaints/Record/{clientId}", "#complaint-form", new Dictionary<string, string?>
               { ["Input.Channel"] = "Email", ["Input.Nature"] = "WorkerConduct", ["Input.Content"] = "" }))
        {
            var page = await CrmClient.ParseAsync(missing);
            Assert.Contains("投诉内容", page.QuerySelector("[data-valmsg-for='Input.Content']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("WorkerConduct", page.QuerySelector("select[name='Input.Nature'] option[selected]")!.GetAttribute("value"));
        }

        using var recorded = await staff.SubmitAsync($"/Complaints/Record/{clientId}", "#complaint-form", new Dictionary<string, string?>
        {
            ["Input.ReceivedOn"] = today, ["Input.Channel"] = "Email", ["Input.Nature"] = "WorkerConduct",
            ["Input.Content"] = "两名工人多次旷工 Two workers repeatedly absent",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var url = recorded.Headers.Location!.OriginalString;
        var id = Guid.Parse(url["/Complaints/".Length..]);
        await App.DrainOutboxAsync();
        Assert.Contains(("head1", NotificationKind.ComplaintToInvestigate), await NotifiedAsync(id));
        var column = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.NotNull(column.QuerySelector($"#warning-column .complaint-item[data-complaint-id='{id}']"));
        Assert.Null((await staff.GetPageAsync(url)).QuerySelector("#investigate-form"));

        var head = await SignedInAsync("head1");
        Assert.NotNull((await head.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        using (var investigated = await head.SubmitAsync(url, "#investigate-form", new Dictionary<string, string?>
               { ["Input.Findings"] = "情况属实 Confirmed", ["Input.ResponsiblePerson"] = "陈静" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, investigated.StatusCode);
        }

        var leader = await SignedInAsync("leader");
        using (var instructed = await leader.SubmitAsync(url, "#instruct-form", new Dictionary<string, string?> { ["Input.LeaderInstruction"] = "立即整改 Correct at once" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, instructed.StatusCode);
        }

        using (var corrected = await head.SubmitAsync(url, "#correct-form", new Dictionary<string, string?>
               { ["Input.CorrectiveAction"] = "更换管理员 Supervisor replaced", ["Input.Penalty"] = "通报批评" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        }

        using (var told = await staff.SubmitAsync(url, "#notify-form", new Dictionary<string, string?> { ["Input.NotifiedHow"] = "书面函复 Letter" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, told.StatusCode);
        }

        using (var archived = await head.SubmitAsync(url, "#archive-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        }

        var done = await staff.GetPageAsync(url);
        Assert.Equal("Archived", done.QuerySelector("#complaint-state")!.GetAttribute("data-state"));
        Assert.Equal(["Recorded", "Investigated", "Instructed", "Corrected", "ClientNotified", "Archived"],
            done.QuerySelectorAll("#complaint-timeline li").Select(li => li.GetAttribute("data-event-kind")));
        Assert.Equal("陈静", done.QuerySelector("#complaint-responsible-person")!.TextContent.Trim());
        Assert.Null((await staff.GetPageAsync($"/Clients/{clientId}")).QuerySelector($"#warning-column .complaint-item[data-complaint-id='{id}']"));
        await App.DrainOutboxAsync();
        var told2 = await NotifiedAsync(id);
        Assert.Contains(("leader", NotificationKind.ComplaintToInstruct), told2);
        Assert.Contains(("staff1a", NotificationKind.ComplaintToNotify), told2);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Complaint" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task The_open_complaints_page_on_past_the_first_fifty_oldest_first_and_back_without_losing_or_repeating_one()
    {
        var ids = await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.OrderBy(c => c.Name).FirstAsync();
            var leader = new Domain.Workflows.WorkflowActor("leader-id", "Leader", Domain.Workflows.Parties.Leader);
            var start = App.Clock.UtcNow.AddDays(-30);
            var made = Enumerable.Range(0, 60).Select(i => Complaint.Record(client, leader, App.Clock.Today, ComplaintChannel.Phone, ComplaintNature.Service,
                $"paging {i}", App.Clock.Today, start.AddMinutes(i))).ToList();
            db.Complaints.AddRange(made);
            await db.SaveChangesAsync();
            return made.Select(c => c.Id).ToList();
        });
        var leader = await SignedInAsync("leader");

        var pages = new List<List<Guid>>();
        var page = await leader.GetPageAsync("/Complaints");
        while (true)
        {
            pages.Add(page.QuerySelectorAll("#complaint-table tr[data-complaint-id]").Select(tr => Guid.Parse(tr.GetAttribute("data-complaint-id")!)).ToList());
            var next = page.QuerySelector("#next-page")?.GetAttribute("href");
            if (next is null)
            {
                break;
            }

            // A cursor that did not read would lead back to the first page, for ever.
            Assert.True(pages.Count < 50, "The pager never reached the last page.");
            page = await leader.GetPageAsync(next);
        }

        var seen = pages.SelectMany(p => p).ToList();
        Assert.True(pages.Count >= 2);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(ids, seen.Where(ids.Contains).ToList());
        var back = await leader.GetPageAsync(page.QuerySelector("#previous-page")!.GetAttribute("href")!);
        Assert.Equal(pages[^2], back.QuerySelectorAll("#complaint-table tr[data-complaint-id]").Select(tr => Guid.Parse(tr.GetAttribute("data-complaint-id")!)));
    }

    [Fact]
    public async Task A_head_of_another_department_gets_404_for_the_complaint_its_record_form_and_every_step()
    {
        var (id, clientId) = await App.WithDbAsync(async db => await db.Complaints
            .Where(c => c.State != ComplaintState.Archived && c.Client!.DepartmentId == db.Departments.First(d => d.Code == "D1").Id)
            .Select(c => new ValueTuple<Guid, Guid>(c.Id, c.ClientId)).FirstAsync());
        var other = await SignedInAsync("head2");

        foreach (var url in new[] { $"/Complaints/{id}", $"/Complaints/Record/{clientId}" })
        {
            using var response = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var handler in new[] { "Investigate", "Instruct", "Correct", "NotifyClient", "Archive", "Note" })
        {
            using var response = await other.PostDirectAsync($"/Complaints/{id}?handler={handler}", new Dictionary<string, string?> { ["Input.Note"] = "x" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var record = await other.PostDirectAsync($"/Complaints/Record/{clientId}", new Dictionary<string, string?> { ["Input.Content"] = "x" });
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
        Assert.DoesNotContain(id.ToString(), (await other.GetPageAsync("/Complaints?state=all")).Body!.InnerHtml, StringComparison.Ordinal);
    }

    private Task<List<(string User, NotificationKind Kind)>> NotifiedAsync(Guid id) =>
        App.WithDbAsync(async db => (await db.Notifications.Where(n => n.SubjectId == id)
                .Select(n => new { User = db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.UserName).First(), n.Kind })
                .ToListAsync())
            .Select(n => (n.User!, n.Kind)).ToList());
}
