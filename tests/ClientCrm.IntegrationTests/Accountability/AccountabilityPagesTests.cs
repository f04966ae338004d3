using System.Globalization;
using System.Net;
using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Notifications;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Accountability;

/// <summary>
/// Issue 12, accountability (SPEC §5.3) on the pages: a head opens a case by hand (staff may not), the department reports
/// (a refused report keeps every row typed), a leader takes it up and decides, the head closes it; 404 outside the scope on
/// every page and step; the overdue report on the head's start page; the penalty list is the leaders'.
/// </summary>
public sealed class AccountabilityPagesTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_head_opens_a_case_the_department_reports_with_its_rows_a_leader_decides_and_the_head_closes_it()
    {
        var clientId = await ClientOfAsync("staff1a");
        var staff = await SignedInAsync("staff1a");
        using (var refused = await staff.SubmitAsync($"/Accountability/Open/{clientId}", "#open-case-form",
                   new Dictionary<string, string?> { ["Input.Incident"] = "客户停止下单 Orders stopped" }))
        {
            var page = await CrmClient.ParseAsync(refused);
            Assert.Contains("只有部门负责人或公司领导能手工立案", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("客户停止下单 Orders stopped", HtmlAssert.FieldValue(page, "Input.Incident"));
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.AccountabilityCases.CountAsync(c => c.ClientId == clientId && c.Trigger == AccountabilityTrigger.Manual)));

        var head = await SignedInAsync("head1");
        using var opened = await head.SubmitAsync($"/Accountability/Open/{clientId}", "#open-case-form",
            new Dictionary<string, string?> { ["Input.Incident"] = "客户停止下单 Orders stopped" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var url = opened.Headers.Location!.OriginalString;
        var id = Guid.Parse(url["/Accountability/".Length..]);
        await App.DrainOutboxAsync();
        Assert.Contains(("staff1a", NotificationKind.AccountabilityOpened), await NotifiedAsync(id));
        Assert.NotNull((await staff.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        Assert.Null((await staff.GetPageAsync(url)).QuerySelector("#decide-form"));

        // Both causes; the person's penalty is missing: the message stands next to that row, and every row typed is kept.
        var due = App.Clock.Today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = new Dictionary<string, string?>
        {
            ["Input.CourseOfEvents"] = "六月起订单减半 Orders halved since June", ["Input.Causes"] = "竞争对手降价；跟进不及时",
            ["Input.Market"] = "true", ["Input.WorkError"] = "true",
            ["Input.Countermeasures[0].Action"] = "开拓新市场 Open a new market", ["Input.Countermeasures[0].OwnerName"] = "王磊",
            ["Input.Countermeasures[0].DueOn"] = due,
            ["Input.Persons[0].Name"] = "李明", ["Input.Persons[0].Role"] = "Party", ["Input.Persons[0].PenaltyId"] = "",
        };
        using (var missing = await staff.SubmitAsync(url, "#report-form", report))
        {
            var page = await CrmClient.ParseAsync(missing);
            Assert.Equal("请从处罚种类中选择建议处罚。", HtmlAssert.FieldError(page, "Input.Persons[0].PenaltyId"));
            Assert.Equal(("开拓新市场 Open a new market", "王磊", due, "李明", "Party"),
                (HtmlAssert.FieldValue(page, "Input.Countermeasures[0].Action"), HtmlAssert.FieldValue(page, "Input.Countermeasures[0].OwnerName"),
                    HtmlAssert.FieldValue(page, "Input.Countermeasures[0].DueOn"), HtmlAssert.FieldValue(page, "Input.Persons[0].Name"),
                    HtmlAssert.FieldValue(page, "Input.Persons[0].Role")));
        }

        report["Input.Persons[0].PenaltyId"] = "2";
        using (var submitted = await staff.SubmitAsync(url, "#report-form", report))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        await App.DrainOutboxAsync();
        Assert.Contains(("leader", NotificationKind.AccountabilityToReview), await NotifiedAsync(id));
        var leader = await SignedInAsync("leader");
        Assert.Null((await head.GetPageAsync(url)).QuerySelector("#take-up-form"));
        using (var takenUp = await leader.SubmitAsync(url, "#take-up-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, takenUp.StatusCode);
        }

        using (var decided = await leader.SubmitAsync(url, "#decide-form", new Dictionary<string, string?> { ["Input.LeaderDecision"] = "同意措施，李明警告 Agreed" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        }

        using (var closed = await head.SubmitAsync(url, "#close-form", new Dictionary<string, string?> { ["Input.CloseComment"] = "已落实 Done" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        var done = await staff.GetPageAsync(url);
        Assert.Equal("Closed", done.QuerySelector("#case-state")!.GetAttribute("data-state"));
        Assert.Equal(["Opened", "ReportSubmitted", "TakenUp", "Decided", "Closed"], done.QuerySelectorAll("#case-timeline li").Select(li => li.GetAttribute("data-event-kind")));
        Assert.Equal(("李明", "警告"), (done.QuerySelector("#case-persons .person-name")!.TextContent.Trim(), done.QuerySelector("#case-persons .person-penalty")!.TextContent.Trim()));
        Assert.Null(done.QuerySelector("#report-form"));
        await App.DrainOutboxAsync();
        Assert.Contains(("staff1a", NotificationKind.AccountabilityDecided), await NotifiedAsync(id));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "AccountabilityCase" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_head_of_another_department_gets_404_for_the_case_the_opening_form_and_every_step()
    {
        var (id, clientId) = await App.WithDbAsync(async db => await db.AccountabilityCases.Where(AccountabilityCase.IsOpen)
            .Where(c => c.Client!.DepartmentId == db.Departments.First(d => d.Code == "D1").Id)
            .Select(c => new ValueTuple<Guid, Guid>(c.Id, c.ClientId)).FirstAsync());
        var other = await SignedInAsync("head2");

        foreach (var url in new[] { $"/Accountability/{id}", $"/Accountability/Open/{clientId}" })
        {
            using var response = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var handler in new[] { "SubmitReport", "TakeUp", "Return", "Decide", "Close", "Note" })
        {
            using var response = await other.PostDirectAsync($"/Accountability/{id}?handler={handler}", new Dictionary<string, string?> { ["Input.Note"] = "x" });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var open = await other.PostDirectAsync($"/Accountability/Open/{clientId}", new Dictionary<string, string?> { ["Input.Incident"] = "x" });
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.DoesNotContain(id.ToString(), (await other.GetPageAsync("/Accountability?state=all")).Body!.InnerHtml, StringComparison.Ordinal);
        var own = await SignedInAsync("head1");
        Assert.NotNull((await own.GetPageAsync($"/Accountability/{id}")).QuerySelector("#case-state"));
    }

    [Fact]
    public async Task An_overdue_report_shows_on_the_heads_and_the_leaders_start_page_but_not_another_departments()
    {
        var clientId = await ClientOfAsync("staff1a");
        var head = await SignedInAsync("head1");
        using var opened = await head.SubmitAsync($"/Accountability/Open/{clientId}", "#open-case-form",
            new Dictionary<string, string?> { ["Input.Incident"] = "合作中止 Cooperation stopped" });
        var id = Guid.Parse(opened.Headers.Location!.OriginalString["/Accountability/".Length..]);
        Assert.Null((await head.GetPageAsync("/")).QuerySelector($"#overdue-cases [data-case-id='{id}']"));

        await App.WithDbAsync(db => db.AccountabilityCases.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReportDueOn, App.Clock.Today.AddDays(-2))));
        // Written past the change tracker, so the start page's kept lists are told, as the app's own set-based writers tell them.
        App.Services.GetRequiredService<ClientCrm.Infrastructure.Clients.SummaryVersion>().Bump();

        Assert.NotNull((await head.GetPageAsync("/")).QuerySelector($"#overdue-cases [data-case-id='{id}']"));
        Assert.NotNull((await (await SignedInAsync("leader")).GetPageAsync("/")).QuerySelector($"#overdue-cases [data-case-id='{id}']"));
        Assert.Null((await (await SignedInAsync("head2")).GetPageAsync("/")).QuerySelector($"#overdue-cases [data-case-id='{id}']"));
        Assert.Null((await (await SignedInAsync("staff1a")).GetPageAsync("/")).QuerySelector("#overdue-cases"));
    }

    [Fact]
    public async Task Only_a_leader_keeps_the_penalty_list_and_a_new_penalty_is_offered_on_the_report()
    {
        foreach (var user in new[] { "head1", "staff1a" })
        {
            using var forbidden = await (await SignedInAsync(user)).GetAsync("/Settings/Penalties");
            Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        }

        var leader = await SignedInAsync("leader");
        Assert.Equal(6, (await leader.GetPageAsync("/Settings/Penalties")).QuerySelectorAll("#penalty-table tr[data-penalty-id]").Length);
        // The case page keeps the list (PickLists.PenaltiesAsync): seen once before the change, it must show the new one after it.
        var openCase = await App.WithDbAsync(db => db.AccountabilityCases.Where(c => c.State == AccountabilityState.Opened)
            .Where(c => c.Client!.DepartmentId == db.Departments.First(d => d.Code == "D1").Id).Select(c => c.Id).FirstAsync());
        var head = await SignedInAsync("head1");
        Assert.DoesNotContain("罚款", await PenaltyOptionsAsync(head, openCase));
        using (var blank = await leader.SubmitAsync("/Settings/Penalties", "#penalty-add-form", new Dictionary<string, string?> { ["Input.ChineseName"] = "", ["Input.EnglishName"] = "Fine" }))
        {
            var page = await CrmClient.ParseAsync(blank);
            Assert.Equal("请填写名称。", HtmlAssert.FieldError(page, "Input.ChineseName"));
            Assert.Equal("Fine", page.QuerySelector("#penalty-add-form [name='Input.EnglishName']")!.GetAttribute("value"));
        }

        using (var added = await leader.SubmitAsync("/Settings/Penalties", "#penalty-add-form", new Dictionary<string, string?> { ["Input.ChineseName"] = "罚款", ["Input.EnglishName"] = "Fine" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "AccountabilityPenalty")));
        Assert.Contains("罚款", await PenaltyOptionsAsync(head, openCase));
    }

    private static async Task<List<string>> PenaltyOptionsAsync(CrmClient user, Guid caseId) =>
        (await user.GetPageAsync($"/Accountability/{caseId}")).QuerySelectorAll("select[name='Input.Persons[0].PenaltyId'] option")
        .Select(o => o.TextContent.Trim()).ToList();

    private Task<Guid> ClientOfAsync(string userName) => App.WithDbAsync(db => db.Clients
        .Where(c => c.OwnerId == db.Users.First(u => u.UserName == userName).Id
                    && !db.AccountabilityCases.Any(x => x.ClientId == c.Id && x.Trigger == AccountabilityTrigger.Manual))
        .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());

    private Task<List<(string User, NotificationKind Kind)>> NotifiedAsync(Guid id) =>
        App.WithDbAsync(async db => (await db.Notifications.Where(n => n.SubjectId == id)
                .Select(n => new { User = db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.UserName).First(), n.Kind })
                .ToListAsync())
            .Select(n => (n.User!, n.Kind)).ToList());
}
