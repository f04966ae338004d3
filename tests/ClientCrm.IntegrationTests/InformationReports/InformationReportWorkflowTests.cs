using System.Net;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Domain.Notifications;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Projects;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.InformationReports;

/// <summary>
/// Issue 12, important-information reports (SPEC §5.1) on the pages: written by staff, read and forwarded by the head,
/// instructed by a leader, read by the reporter; an A client's report goes to the leaders directly; a prospect's report is
/// linked when the client is registered; 404 outside the scope; and the B-client prompt after a project's signing.
/// </summary>
public sealed class InformationReportWorkflowTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_report_goes_from_the_staff_to_the_head_a_leader_and_back_to_the_reporter_and_each_to_do_list_shows_it_in_turn()
    {
        var clientId = await FreshClientAsync("staff1a");
        var staff = await SignedInAsync("staff1a");
        var head = await SignedInAsync("head1");
        var leader = await SignedInAsync("leader");

        using (var missing = await staff.SubmitAsync($"/InformationReports/Create?clientId={clientId}", "#report-form", new Dictionary<string, string?>
               { ["Input.Category"] = "Headcount", ["Input.Source"] = "电话", ["Input.Content"] = "" }))
        {
            var page = await CrmClient.ParseAsync(missing);
            Assert.Contains("信息内容", page.QuerySelector("[data-valmsg-for='Input.Content']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("Headcount", page.QuerySelector("select[name='Input.Category'] option[selected]")!.GetAttribute("value"));
            Assert.Equal("电话", page.QuerySelector("input[name='Input.Source']")!.GetAttribute("value"));
        }

        var url = await SubmitReportAsync(staff, $"/InformationReports/Create?clientId={clientId}");
        var id = Guid.Parse(url["/InformationReports/".Length..]);
        await App.DrainOutboxAsync();
        Assert.Contains(("head1", NotificationKind.InformationReportToForward), await NotifiedAsync(id));
        Assert.Null((await staff.GetPageAsync(url)).QuerySelector("#forward-form"));
        Assert.True(await ListsAsync(head, "/Todo", id));
        Assert.False(await ListsAsync(leader, "/Todo", id));
        Assert.True(await ListsAsync(head, "/InformationReports?tab=waiting", id));
        Assert.True(await ListsAsync(staff, "/InformationReports?tab=mine", id));

        using (var noComment = await head.SubmitAsync(url, "#forward-form", new Dictionary<string, string?> { ["Input.ForwardComment"] = " " }))
        {
            Assert.Contains("部门负责人意见", (await CrmClient.ParseAsync(noComment)).QuerySelector("[data-valmsg-for='Input.ForwardComment']")!.TextContent,
                StringComparison.Ordinal);
        }

        await SubmitStepAsync(head, url, "#forward-form", new() { ["Input.ForwardComment"] = "情况重要，请阅示 For your attention" });
        await App.DrainOutboxAsync();
        Assert.Contains(("leader", NotificationKind.InformationReportToInstruct), await NotifiedAsync(id));
        Assert.False(await ListsAsync(head, "/Todo", id));
        Assert.True(await ListsAsync(leader, "/Todo", id));
        Assert.Null((await head.GetPageAsync(url)).QuerySelector("#instruct-form"));

        await SubmitStepAsync(leader, url, "#instruct-form", new() { ["Input.Instruction"] = "抓紧跟进 Follow it up" });
        await App.DrainOutboxAsync();
        Assert.Contains(("staff1a", NotificationKind.InformationReportInstructed), await NotifiedAsync(id));
        Assert.False(await ListsAsync(leader, "/Todo", id));
        Assert.True(await ListsAsync(staff, "/Todo", id));
        Assert.Null((await leader.GetPageAsync(url)).QuerySelector("#read-form"));

        await SubmitStepAsync(staff, url, "#read-form", []);
        var done = await staff.GetPageAsync(url);
        Assert.Equal("Read", done.QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.Equal(["Submitted", "Forwarded", "Instructed", "Read"], done.QuerySelectorAll("#report-timeline li").Select(li => li.GetAttribute("data-event-kind")));
        Assert.Contains("抓紧跟进", done.QuerySelector("#report-instruction")!.TextContent, StringComparison.Ordinal);
        Assert.False(await ListsAsync(staff, "/Todo", id));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "InformationReport" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_report_on_an_A_client_goes_to_the_leaders_directly_and_the_head_may_only_add_a_note()
    {
        var clientId = await FreshClientAsync("staff1a");
        await WarningDataArrange.SetGradeAsync(App, clientId, ClientGrade.A);
        var staff = await SignedInAsync("staff1a");

        var url = await SubmitReportAsync(staff, $"/InformationReports/Create?clientId={clientId}");
        var id = Guid.Parse(url["/InformationReports/".Length..]);
        await App.DrainOutboxAsync();

        var told = await NotifiedAsync(id);
        Assert.Contains(("leader", NotificationKind.InformationReportToInstruct), told);
        Assert.DoesNotContain(told, t => t.User == "head1");
        var head = await SignedInAsync("head1");
        var seen = await head.GetPageAsync(url);
        Assert.NotNull(seen.QuerySelector("#report-to-leaders"));
        Assert.Null(seen.QuerySelector("#forward-form"));
        Assert.NotNull(seen.QuerySelector("#note-form"));
        Assert.False(await ListsAsync(head, "/Todo", id));
        var leader = await SignedInAsync("leader");
        Assert.NotNull((await leader.GetPageAsync(url)).QuerySelector("#instruct-form"));
        Assert.True(await ListsAsync(leader, "/Todo", id));
    }

    [Fact]
    public async Task A_report_on_a_company_not_registered_yet_is_linked_to_the_client_once_it_is_registered()
    {
        var staff = await SignedInAsync("staff1a");
        using var missing = await staff.SubmitAsync("/InformationReports/Create", "#report-form", Report());
        Assert.Contains("客户名称", (await CrmClient.ParseAsync(missing)).QuerySelector("[data-valmsg-for='Input.ProspectName']")!.TextContent,
            StringComparison.Ordinal);

        var url = await SubmitReportAsync(staff, "/InformationReports/Create", new()
        {
            ["Input.ProspectName"] = "falcon ridge trading, llc", ["Input.ProspectCountryCode"] = "AE",
        });
        var id = Guid.Parse(url["/InformationReports/".Length..]);
        Assert.NotNull((await staff.GetPageAsync(url)).QuerySelector("#report-prospect"));
        var head = await SignedInAsync("head1");
        Assert.True(await ListsAsync(head, "/Todo", id));

        using (var registered = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration("Falcon Ridge Trading LLC")))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        await App.DrainOutboxAsync();
        var clientId = await App.WithDbAsync(db => db.Clients.Where(c => c.Name == "Falcon Ridge Trading LLC").Select(c => c.Id).SingleAsync());
        var linked = await staff.GetPageAsync(url);
        Assert.Equal(clientId.ToString(), linked.QuerySelector("#report-subject")!.GetAttribute("data-client-id"));
        Assert.NotNull(linked.QuerySelector("#report-client-link"));
        Assert.Equal("LinkedToClient", linked.QuerySelectorAll("#report-timeline li").Last().GetAttribute("data-event-kind"));
        Assert.True(await ListsAsync(staff, $"/InformationReports?clientId={clientId}&tab=all", id));
    }

    [Fact]
    public async Task A_head_of_another_department_gets_404_for_a_report_and_every_step_and_staff_see_only_their_own()
    {
        var clientId = await FreshClientAsync("staff1a");
        var staff = await SignedInAsync("staff1a");
        var onClient = await SubmitReportAsync(staff, $"/InformationReports/Create?clientId={clientId}");
        var onProspect = await SubmitReportAsync(staff, "/InformationReports/Create", new()
        {
            ["Input.ProspectName"] = "Nile Delta Builders", ["Input.ProspectCountryCode"] = "EG",
        });
        var projectId = await ProjectTestData.ArrangeProjectAsync(App, clientId, "范围测试项目");

        foreach (var name in new[] { "head2", "staff1b", "staff2a" })
        {
            var other = await SignedInAsync(name);
            foreach (var url in new[] { onClient, onProspect, $"/InformationReports/Create?clientId={clientId}", $"/InformationReports/Ask?projectId={projectId}&reason=Signing" })
            {
                using var response = await other.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            foreach (var url in new[] { onClient, onProspect })
            {
                foreach (var handler in new[] { "Forward", "Instruct", "Read", "Note", "Link" })
                {
                    using var response = await other.PostDirectAsync($"{url}?handler={handler}",
                        new Dictionary<string, string?> { ["Input.Note"] = "x", ["Input.ForwardComment"] = "x", ["Input.LinkClientId"] = clientId.ToString() });
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                }
            }

            using (var create = await other.PostDirectAsync($"/InformationReports/Create?clientId={clientId}", Report()))
            {
                Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
            }

            using (var link = await other.PostDirectAsync($"/InformationReports/Ask?handler=Link&projectId={projectId}&reason=Signing&reportId={onClient[^36..]}", new Dictionary<string, string?>()))
            {
                Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
            }

            foreach (var tab in new[] { "mine", "waiting", "all" })
            {
                var html = (await other.GetPageAsync($"/InformationReports?tab={tab}")).Body!.InnerHtml;
                Assert.DoesNotContain(onClient[^36..], html, StringComparison.Ordinal);
                Assert.DoesNotContain(onProspect[^36..], html, StringComparison.Ordinal);
            }
        }

        var head = await SignedInAsync("head1");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync(onProspect)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync(onClient)).StatusCode);
    }

    [Fact]
    public async Task Setting_the_signing_date_on_a_B_clients_project_asks_for_a_report_prefilled_and_linked_and_a_C_clients_does_not()
    {
        var staff = await SignedInAsync("staff1a");
        var bClient = await FreshClientAsync("staff1a");
        await WarningDataArrange.SetGradeAsync(App, bClient, ClientGrade.B);
        var cClient = await FreshClientAsync("staff1a");
        var today = ProjectTestData.Day(ProjectTestData.Today);

        foreach (var (clientId, name) in new[] { (bClient, "乙类签约项目"), (cClient, "丙类签约项目") })
        {
            using var created = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", ProjectTestData.ValidProject(name));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.DoesNotContain("/InformationReports/Ask", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var cProject = await ProjectTestData.ProjectIdAsync(App, "丙类签约项目");
        using (var signed = await staff.SubmitAsync($"/Clients/{cClient}/Projects/{cProject}/Edit", "#project-form",
                   new Dictionary<string, string?> { ["Input.ContractSignedOn"] = today }))
        {
            Assert.Equal($"/Clients/{cClient}/Projects/{cProject}", signed.Headers.Location!.OriginalString);
        }

        var bProject = await ProjectTestData.ProjectIdAsync(App, "乙类签约项目");
        string ask;
        using (var signed = await staff.SubmitAsync($"/Clients/{bClient}/Projects/{bProject}/Edit", "#project-form",
                   new Dictionary<string, string?> { ["Input.ContractSignedOn"] = today }))
        {
            ask = signed.Headers.Location!.OriginalString;
            Assert.Equal($"/InformationReports/Ask?projectId={bProject}&reason=Signing", ask);
        }

        var asked = await staff.GetPageAsync(ask);
        Assert.Equal("Signing", asked.QuerySelector("#ask-reason")!.GetAttribute("data-reason"));
        var createUrl = asked.QuerySelector("#ask-create")!.GetAttribute("href")!;
        var form = await staff.GetPageAsync(createUrl);
        Assert.Equal("ContractConditions", form.QuerySelector("select[name='Input.Category'] option[selected]")!.GetAttribute("value"));
        Assert.Contains("乙类签约项目", form.QuerySelector("textarea[name='Input.Content']")!.TextContent, StringComparison.Ordinal);
        using (var saved = await staff.SubmitAsync(form, createUrl, "#report-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal((bClient, ReportPromptReason.Signing), await App.WithDbAsync(db => db.InformationReports.Where(r => r.ProjectId == bProject)
            .Select(r => new ValueTuple<Guid, ReportPromptReason>(r.ClientId!.Value, r.ProjectReason!.Value)).SingleAsync()));

        // Saving it again with the date already set asks nothing more; setting a trade test asks again, for it.
        using (var again = await staff.SubmitAsync($"/Clients/{bClient}/Projects/{bProject}/Edit", "#project-form"))
        {
            Assert.Equal($"/Clients/{bClient}/Projects/{bProject}", again.Headers.Location!.OriginalString);
        }

        using (var tested = await staff.SubmitAsync($"/Clients/{bClient}/Projects/{bProject}/Edit", "#project-form",
                   new Dictionary<string, string?> { ["Input.TradeTestOn"] = today }))
        {
            Assert.Equal($"/InformationReports/Ask?projectId={bProject}&reason=TradeTest", tested.Headers.Location!.OriginalString);
        }

        var linked = await staff.GetPageAsync($"/InformationReports/Ask?projectId={bProject}&reason=TradeTest");
        Assert.Single(linked.QuerySelectorAll("#ask-linked a"));
    }

    private Task<Guid> FreshClientAsync(string owner) => ProjectTestData.FreshActiveClientAsync(App, owner);

    private static Dictionary<string, string?> Report() => new()
    {
        ["Input.Category"] = "Headcount", ["Input.Source"] = "客户人事经理电话 HR manager, by phone",
        ["Input.Content"] = "下季度需增派 40 名焊工 40 more welders next quarter", ["Input.LearnedOn"] = ProjectTestData.Day(ProjectTestData.Today),
    };

    private static async Task<string> SubmitReportAsync(CrmClient who, string url, Dictionary<string, string?>? extra = null)
    {
        var values = Report();
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }

        using var response = await who.SubmitAsync(url, "#report-form", values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task SubmitStepAsync(CrmClient who, string url, string form, Dictionary<string, string?> values)
    {
        using var response = await who.SubmitAsync(url, form, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<bool> ListsAsync(CrmClient who, string url, Guid id) =>
        (await who.GetPageAsync(url)).Body!.InnerHtml.Contains(id.ToString(), StringComparison.Ordinal);

    private Task<List<(string User, NotificationKind Kind)>> NotifiedAsync(Guid id) =>
        App.WithDbAsync(async db => (await db.Notifications.Where(n => n.SubjectId == id)
                .Select(n => new { User = db.Users.Where(u => u.Id == n.RecipientId).Select(u => u.UserName).First(), n.Kind })
                .ToListAsync())
            .Select(n => (n.User!, n.Kind)).ToList());
}
