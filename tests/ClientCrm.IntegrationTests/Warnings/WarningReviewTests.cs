using System.Net;
using AngleSharp.Html.Dom;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Clients;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>SPEC §7 and §9: the department heads' review queue and the company view of warnings with its filters, by scope.</summary>
public sealed class WarningReviewTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_review_queue_shows_only_the_open_warnings_of_the_heads_department_oldest_first()
    {
        var d1 = await GradingArrange.ActiveClientAsync(App, "staff1a", "Queue One Trading", c => c);
        var d1b = await GradingArrange.ActiveClientAsync(App, "staff1b", "Queue One Building", c => c);
        var d2 = await GradingArrange.ActiveClientAsync(App, "staff2a", "Queue Two Marine", c => c);
        var newer = await WarningPageArrange.FiledAsync(App, d1, WarningFamily.Churn, "需求减少", daysAgo: 1);
        var oldest = await WarningPageArrange.FiledAsync(App, d1b, WarningFamily.MajorChange, "濒临倒闭", daysAgo: 2);
        var acknowledged = await WarningPageArrange.FiledAsync(App, d1, WarningFamily.Abnormal, "关系紧张", daysAgo: 3);
        await WarningPageArrange.StepAsync(App, acknowledged, (w, by, now) => w.Acknowledge(by, "约谈", now));
        var otherDepartment = await WarningPageArrange.FiledAsync(App, d2, WarningFamily.Churn, "转向他司", daysAgo: 4);
        var head = await SignedInAsync("head1");

        var queue = await head.GetPageAsync("/Warnings/Review");

        var rows = queue.QuerySelectorAll("#review-queue tr[data-warning-id]");
        Guid[] mine = [newer, oldest, acknowledged, otherDepartment];
        Assert.Equal(Strings(oldest, newer), rows.Select(r => r.GetAttribute("data-warning-id")).Where(id => mine.Contains(Guid.Parse(id!))));
        Assert.All(rows, r => Assert.Equal("业务一部", r.QuerySelector(".warning-department")!.TextContent.Trim()));
        Assert.All(rows, r => Assert.Equal("Open", r.GetAttribute("data-state")));
        Assert.Equal("2", queue.QuerySelector($"tr[data-warning-id='{oldest}'] .warning-days")!.TextContent.Trim());
        Assert.Null(queue.QuerySelector("#review-filter")); // no department choice for a head
        Assert.DoesNotContain(otherDepartment.ToString(), queue.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaders_see_the_queue_of_every_department_and_can_narrow_it_to_one()
    {
        var d1 = await GradingArrange.ActiveClientAsync(App, "staff1a", "Leader Queue One", c => c);
        var d2 = await GradingArrange.ActiveClientAsync(App, "staff2a", "Leader Queue Two", c => c);
        var one = await WarningPageArrange.FiledAsync(App, d1, WarningFamily.Churn, "一部预警", daysAgo: 2);
        var two = await WarningPageArrange.FiledAsync(App, d2, WarningFamily.Churn, "二部预警", daysAgo: 1);
        var leader = await SignedInAsync("leader");

        Guid[] mine = [one, two];
        var all = await leader.GetPageAsync("/Warnings/Review");
        Assert.Equal(Strings(one, two), Ids(all, "#review-queue").Where(id => mine.Contains(Guid.Parse(id!))));

        var d2Id = await DepartmentIdAsync("D2");
        var narrowed = await leader.GetPageAsync($"/Warnings/Review?department={d2Id}");
        Assert.Equal(Strings(two), Ids(narrowed, "#review-queue").Where(id => mine.Contains(Guid.Parse(id!))));
        var departments = narrowed.QuerySelectorAll("#review-queue tr[data-warning-id] .warning-department");
        Assert.Equal(Ids(narrowed, "#review-queue").Count(), departments.Length); // one per row, and there is at least the D2 one
        Assert.All(departments, d => Assert.Equal("业务二部", d.TextContent.Trim()));
    }

    [Fact]
    public async Task Staff_are_refused_the_review_queue()
    {
        var staff = await SignedInAsync("staff1a");

        using var response = await staff.GetAsync("/Warnings/Review");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        var head = await SignedInAsync("head1");
        using var allowed = await head.GetAsync("/Warnings/Review");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Leaders_filter_the_company_view_by_family_severity_state_and_department()
    {
        var d1 = await GradingArrange.ActiveClientAsync(App, "staff1a", "Filter One Foods", c => c);
        var d2 = await GradingArrange.ActiveClientAsync(App, "staff2a", "Filter Two Shipping", c => c);
        var majorChange = await WarningPageArrange.FiledAsync(App, d1, WarningFamily.MajorChange, "转产", daysAgo: 4); // normal
        var abnormal = await WarningPageArrange.FiledAsync(App, d1, WarningFamily.Abnormal, "纠纷", daysAgo: 3); // high
        var churn = await WarningPageArrange.FiledAsync(App, d2, WarningFamily.Churn, "转向他司", daysAgo: 2);
        var resolved = await WarningPageArrange.FiledAsync(App, d2, WarningFamily.Abnormal, "已平息", daysAgo: 1);
        await WarningPageArrange.StepAsync(App, resolved, (w, by, now) => w.Acknowledge(by, "调解", now));
        await WarningPageArrange.StepAsync(App, resolved, (w, by, now) => w.Resolve(by, "加班费争议", "补发加班费", [], now));
        Guid[] mine = [majorChange, abnormal, churn, resolved];
        var leader = await SignedInAsync("leader");
        var d2Id = await DepartmentIdAsync("D2");

        async Task<string[]> Listed(string query) =>
            Ids(await leader.GetPageAsync("/Warnings" + query), "#warning-table").Where(id => mine.Contains(Guid.Parse(id!))).ToArray()!;

        // Open states by default, most urgent first: high severity, then the earliest raised.
        Assert.Equal(Strings(abnormal, majorChange, churn), await Listed(""));
        Assert.Equal(Strings(abnormal, resolved, majorChange, churn), await Listed("?state=all"));
        Assert.Equal(Strings(resolved), await Listed("?state=Resolved"));
        Assert.Equal(Strings(abnormal), await Listed("?family=Abnormal"));
        Assert.Equal(Strings(abnormal, resolved), await Listed("?family=Abnormal&state=all"));
        Assert.Equal(Strings(abnormal), await Listed("?severity=High"));
        Assert.Equal(Strings(majorChange, churn), await Listed("?severity=Normal"));
        Assert.Equal(Strings(churn), await Listed($"?department={d2Id}"));
        Assert.Equal(Strings(resolved, churn), await Listed($"?department={d2Id}&state=all"));
        Assert.Equal(Strings(abnormal, majorChange), await Listed($"?clientId={d1}&state=all"));

        var page = await leader.GetPageAsync("/Warnings?family=Abnormal");
        Assert.Equal("Abnormal", page.QuerySelector("#warning-filter select[name='family'] option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#warning-filter select[name='department']"));
    }

    [Fact]
    public async Task Department_heads_and_staff_get_the_company_view_within_their_scope_without_a_department_filter()
    {
        var own = await GradingArrange.ActiveClientAsync(App, "staff1a", "Scope Own Textiles", c => c);
        var colleague = await GradingArrange.ActiveClientAsync(App, "staff1b", "Scope Colleague Metals", c => c);
        var other = await GradingArrange.ActiveClientAsync(App, "staff2a", "Scope Other Fisheries", c => c);
        var ownWarning = await WarningPageArrange.FiledAsync(App, own, WarningFamily.Churn, "本人客户", daysAgo: 3);
        var colleagueWarning = await WarningPageArrange.FiledAsync(App, colleague, WarningFamily.Churn, "同事客户", daysAgo: 2);
        var otherWarning = await WarningPageArrange.FiledAsync(App, other, WarningFamily.Churn, "二部客户", daysAgo: 1);

        Guid[] mine = [ownWarning, colleagueWarning, otherWarning];
        IEnumerable<string?> Mine(IHtmlDocument page) => Ids(page, "#warning-table").Where(id => mine.Contains(Guid.Parse(id!)));

        var head = await SignedInAsync("head1");
        var headPage = await head.GetPageAsync("/Warnings");
        Assert.Equal(Strings(ownWarning, colleagueWarning), Mine(headPage));
        Assert.Null(headPage.QuerySelector("#warning-filter select[name='department']"));
        // A department asked for in the address changes nothing for a head.
        Assert.Equal(Strings(ownWarning, colleagueWarning), Mine(await head.GetPageAsync($"/Warnings?department={await DepartmentIdAsync("D2")}")));

        var staff = await SignedInAsync("staff1a");
        Assert.Equal(Strings(ownWarning), Mine(await staff.GetPageAsync("/Warnings?state=all")));
        Assert.Empty(Ids(await staff.GetPageAsync($"/Warnings?clientId={colleague}&state=all"), "#warning-table"));
        var staff2 = await SignedInAsync("staff2a");
        Assert.Equal(Strings(otherWarning), Mine(await staff2.GetPageAsync("/Warnings")));
    }

    [Fact]
    public async Task A_warning_nobody_acknowledged_in_time_is_marked_escalated_in_the_queue_and_found_by_the_escalated_filter()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Overdue Review Co", c => c);
        var overdue = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.MajorChange, "厂房被查封", daysAgo: 5);
        var recent = await WarningPageArrange.FiledAsync(App, clientId, WarningFamily.Churn, "订单减少", daysAgo: 1);
        await WarningArrange.RunEngineAsync(App);
        var head = await SignedInAsync("head1");

        var queue = await head.GetPageAsync("/Warnings/Review");
        Assert.NotNull(queue.QuerySelector($"tr[data-warning-id='{overdue}'] .warning-escalated"));
        Assert.Null(queue.QuerySelector($"tr[data-warning-id='{recent}'] .warning-escalated"));

        var escalated = Ids(await head.GetPageAsync("/Warnings?escalated=true"), "#warning-table");
        Assert.Contains(overdue.ToString(), escalated);
        Assert.DoesNotContain(recent.ToString(), escalated);
        var detail = await head.GetPageAsync($"/Warnings/{overdue}");
        Assert.NotNull(detail.QuerySelector(".warning-escalated"));
        Assert.Contains("Escalated", detail.QuerySelectorAll("#warning-timeline li").Select(l => l.GetAttribute("data-event-kind")));
    }

    private static IEnumerable<string?> Ids(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"{table} tr[data-warning-id]").Select(r => r.GetAttribute("data-warning-id"));

    private static string[] Strings(params Guid[] ids) => ids.Select(i => i.ToString()).ToArray();

    private Task<int> DepartmentIdAsync(string code) => App.WithDbAsync(db => db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());
}
