using System.Globalization;
using System.Net;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>
/// Issue 10 (3): a wage-arrears warning could be resolved while its incident was still open, after which the warning column
/// said nothing was open. A rule warning whose rule still holds is not closed; it links to the incident that caused it, and
/// once the incident is resolved it is closed as before.
/// </summary>
public sealed class WarningConditionTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_wage_arrears_warning_is_refused_closing_while_its_incident_is_open_links_to_it_and_closes_once_it_is_resolved()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Unpaid Wages Steelworks");
        var projectId = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == id).Select(p => p.Id).FirstAsync());
        var staff = await SignedInAsync("staff1a");
        using (var saved = await staff.SubmitAsync($"/Clients/{id}/Projects/{projectId}/Incidents/Create", "#incident-form", Values(
                   ("Input.Type", "WageArrears"), ("Input.OccurredOn", Day(-4)), ("Input.WorkersAffected", "6"),
                   ("Input.ArrearsAmount", "21600"), ("Input.ArrearsCurrency", "CNY"),
                   ("Input.Description", "六名工人两个月工资未发放"), ("Input.Status", "Open"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await App.DrainOutboxAsync();
        var incidentId = await App.WithDbAsync(db => db.WorkerIncidents.Where(i => i.ClientId == id).Select(i => i.Id).SingleAsync());
        var warningId = await WarningArrange.OpenWarningAsync(App, id, WarningRule.WageArrears);
        var url = $"/Warnings/{warningId}";
        var head = await SignedInAsync("head1");
        using (var acknowledged = await head.SubmitAsync(url, "#acknowledge-form", Values(("Step.Actions", "本周约谈雇主，督促补发工资"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        }

        // The incident is still open: the page offers neither closing step, says why, and links to the incident.
        var page = await head.GetPageAsync(url);
        Assert.Null(page.QuerySelector("#resolve-form"));
        Assert.Null(page.QuerySelector("#dismiss-form"));
        Assert.NotNull(page.QuerySelector("#investigate-form"));
        Assert.Null(page.QuerySelector("#reviewers-decide"));
        Assert.Contains("仍然成立", page.QuerySelector("#condition-holds")!.TextContent, StringComparison.Ordinal);
        var incidentLink = $"/Clients/{id}/Projects/{projectId}#incident-{incidentId}";
        var source = page.QuerySelector("#warning-source")!;
        Assert.Equal((incidentLink, "Incident"), (source.GetAttribute("href"), source.GetAttribute("data-source-kind")));
        Assert.Contains("拖欠工资", source.TextContent, StringComparison.Ordinal);
        Assert.Contains(Day(-4), source.TextContent, StringComparison.Ordinal);
        Assert.Equal(incidentLink, page.QuerySelector("#condition-holds-source")!.GetAttribute("href"));
        var projectPage = await head.GetPageAsync($"/Clients/{id}/Projects/{projectId}");
        Assert.Equal(incidentId.ToString(), projectPage.QuerySelector($"#incident-{incidentId}")!.GetAttribute("data-incident-id"));

        // Resolving or dismissing by posting what the page no longer offers is refused, and the warning stays open.
        var version = page.QuerySelector("#report-form input[name='Step.Version']")!.GetAttribute("value");
        using var resolve = await head.PostDirectAsync($"{url}?handler=Resolve",
            Values(("Step.Cause", "雇主资金周转困难"), ("Step.Measures", "已协商分期补发"), ("Step.Version", version)));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var refused = await CrmClient.ParseAsync(resolve);
        Assert.Contains("触发条件仍然成立", refused.QuerySelector("#warning-errors")!.TextContent, StringComparison.Ordinal);
        using var dismiss = await head.PostDirectAsync($"{url}?handler=Dismiss", Values(("Step.DismissReason", "误报"), ("Step.Version", version)));
        Assert.Contains("触发条件仍然成立", (await CrmClient.ParseAsync(dismiss)).QuerySelector("#warning-errors")!.TextContent, StringComparison.Ordinal);
        var warning = await WarningAsync(warningId);
        Assert.Equal((WarningState.Acknowledged, null, null), (warning.State, warning.Cause, warning.ClosedAt));

        // So the warning column keeps saying something is open, with the cause one click away.
        var listCell = (await staff.GetPageAsync("/Clients?q=Unpaid+Wages+Steelworks")).QuerySelector($"tr[data-client-id='{id}'] .client-warnings")!;
        Assert.Contains("拖欠劳务人员工资", listCell.TextContent, StringComparison.Ordinal);
        var column = (await staff.GetPageAsync($"/Clients/{id}")).QuerySelector($"#warning-column .warning-item[data-warning-id='{warningId}']")!;
        Assert.Equal(incidentLink, column.QuerySelector("a.warning-source")!.GetAttribute("href"));

        // The wages are paid: the owner resolves the incident, and the engine marks the condition cleared.
        using (var edited = await staff.SubmitAsync($"/Clients/{id}/Projects/{projectId}/Incidents/{incidentId}/Edit", "#incident-form",
                   Values(("Input.Status", "Resolved"), ("Input.HandlingRecord", "经使馆经商处协调，工资已全部补发"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        await App.DrainOutboxAsync();
        page = await head.GetPageAsync(url);
        Assert.Null(page.QuerySelector("#condition-holds"));
        Assert.NotNull(page.QuerySelector("#dismiss-form"));
        using var resolved = await head.SubmitAsync(page, url, "#resolve-form",
            Values(("Step.Cause", "雇主资金周转困难"), ("Step.Measures", "经使馆经商处协调，工资已全部补发")));
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        warning = await WarningAsync(warningId);
        Assert.Equal(WarningState.Resolved, warning.State);
        Assert.NotNull(warning.ConditionClearedAt);
        listCell = (await staff.GetPageAsync("/Clients?q=Unpaid+Wages+Steelworks")).QuerySelector($"tr[data-client-id='{id}'] .client-warnings")!;
        Assert.Equal("", listCell.TextContent.Trim());
    }

    [Fact]
    public async Task A_warning_filed_by_hand_is_closed_whatever_the_rules_say_about_the_client()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Filed Beside Arrears Co");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 5, workers: 3);
        await WarningArrange.RunEngineAsync(App);
        var filed = await WarningPageArrange.FiledAsync(App, id, WarningFamily.Abnormal, "工人与雇主关系紧张", daysAgo: 1);
        var head = await SignedInAsync("head1");

        var page = await head.GetPageAsync($"/Warnings/{filed}");

        Assert.Null(page.QuerySelector("#condition-holds"));
        Assert.Null(page.QuerySelector("#warning-source"));
        using var dismissed = await head.SubmitAsync(page, $"/Warnings/{filed}", "#dismiss-form", Values(("Step.DismissReason", "已与欠薪预警合并处理")));
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Equal(WarningState.Dismissed, (await WarningAsync(filed)).State);
        Assert.Equal(WarningState.Open, (await WarningAsync(await WarningArrange.OpenWarningAsync(App, id, WarningRule.WageArrears))).State);
    }

    [Fact]
    public async Task A_warning_raised_for_a_declining_card_links_to_the_card_change_and_one_for_falling_demand_to_the_batches()
    {
        var declining = await GradingArrange.ActiveClientAsync(App, "staff1a", "Declining Card Foods", card => card);
        await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == declining);
            client.UpdateCard(client.CurrentCard() with { OperatingStatus = Domain.Clients.OperatingStatus.Declining }, App.Clock, "staff1a");
            await db.SaveChangesAsync();
        });
        var staff = await SignedInAsync("staff1a");

        var demand = await GradingArrange.ActiveClientAsync(App, "staff1a", "Falling Demand Foods", card => card);
        await GradingArrange.ProjectsAsync(App, demand, [400, 500], workers: 15, amountCny: 100_000m);
        await WarningArrange.RunEngineAsync(App);

        var cardWarning = await staff.GetPageAsync($"/Warnings/{await WarningArrange.OpenWarningAsync(App, declining, WarningRule.OperatingStatusDeclined)}");
        var cardSource = cardWarning.QuerySelector("#warning-source")!;
        Assert.Equal(($"/Clients/{declining}/History", "CardChange"), (cardSource.GetAttribute("href"), cardSource.GetAttribute("data-source-kind")));
        Assert.Contains("企业资料卡修改", cardSource.TextContent, StringComparison.Ordinal);
        var demandWarning = await staff.GetPageAsync($"/Warnings/{await WarningArrange.OpenWarningAsync(App, demand, WarningRule.DemandDrop)}");
        Assert.Equal($"/Clients/{demand}#client-projects", demandWarning.QuerySelector("#warning-source")!.GetAttribute("href"));
    }

    private string Day(int offset) => App.Clock.Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<Warning> WarningAsync(Guid id) => App.WithDbAsync(db => db.Warnings.AsNoTracking().SingleAsync(w => w.Id == id));

    private static Dictionary<string, string?> Values(params (string Name, string? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);
}
