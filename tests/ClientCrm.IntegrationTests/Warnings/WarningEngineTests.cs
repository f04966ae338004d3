using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>SPEC §7: the engine raises each rule's warning once, keeps its figures current and marks it when the cause is gone.</summary>
public sealed class WarningEngineTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_wage_arrears_incident_raises_one_abnormal_warning_at_the_next_run_and_a_rerun_adds_no_copy()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Arrears Builders FZE");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 5, workers: 14);
        Assert.Empty(await WarningArrange.WarningsAsync(App, id)); // nothing until the engine looks

        var first = await WarningArrange.RunEngineAsync(App);
        var warning = Assert.Single(await WarningArrange.WarningsAsync(App, id));
        Assert.Equal((WarningFamily.Abnormal, WarningRule.WageArrears, WarningSeverity.High, WarningState.Open),
            (warning.Family, warning.Rule, warning.Severity, warning.State));
        Assert.Contains(new WarningFigure("OpenWageArrearsIncidents", "1"), warning.Evidence);
        Assert.Contains(new WarningFigure("WorkersOwedWages", "14"), warning.Evidence);
        Assert.Equal(WarningEventKind.Raised, Assert.Single(warning.Events).Kind);
        Assert.True(first.Raised >= 1);

        var events = await WarningDataArrange.CountAsync<WarningEvent>(App);
        var notifications = await WarningDataArrange.CountAsync<Notification>(App);
        var second = await WarningArrange.RunEngineAsync(App);
        Assert.Equal(0, second.Written);
        Assert.Single(await WarningArrange.WarningsAsync(App, id));
        Assert.Equal(events, await WarningDataArrange.CountAsync<WarningEvent>(App));
        Assert.Equal(notifications, await WarningDataArrange.CountAsync<Notification>(App));
    }

    [Fact]
    public async Task A_further_incident_refreshes_the_figures_of_the_open_warning_instead_of_adding_one()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Second Arrears LLC");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 10, workers: 5);
        await WarningArrange.RunEngineAsync(App);

        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 2, workers: 7);
        var run = await WarningArrange.RunEngineAsync(App);

        Assert.Equal(1, run.Refreshed);
        var warning = Assert.Single(await WarningArrange.WarningsAsync(App, id));
        Assert.Contains(new WarningFigure("OpenWageArrearsIncidents", "2"), warning.Evidence);
        Assert.Contains(new WarningFigure("WorkersOwedWages", "12"), warning.Evidence);
        Assert.Equal([WarningEventKind.Raised, WarningEventKind.EvidenceRefreshed], warning.Events.OrderBy(e => e.At).Select(e => e.Kind));
    }

    [Fact]
    public async Task When_the_cause_is_gone_the_warning_stays_open_marked_condition_cleared_and_a_return_unmarks_it()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Cleared Arrears SA");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 10, workers: 5);
        await WarningArrange.RunEngineAsync(App);

        await WarningDataArrange.ResolveIncidentsAsync(App, id, IncidentType.WageArrears);
        var cleared = await WarningArrange.RunEngineAsync(App);
        var warning = Assert.Single(await WarningArrange.WarningsAsync(App, id));
        Assert.Equal(1, cleared.Cleared);
        Assert.Equal(WarningState.Open, warning.State); // a person closes it, saying what was done
        Assert.NotNull(warning.ConditionClearedAt);
        Assert.Equal(0, (await WarningArrange.RunEngineAsync(App)).Written);

        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 1, workers: 3);
        var returned = await WarningArrange.RunEngineAsync(App);
        warning = Assert.Single(await WarningArrange.WarningsAsync(App, id));
        Assert.Equal(1, returned.Returned);
        Assert.Null(warning.ConditionClearedAt);
        Assert.Contains(WarningEventKind.ConditionReturned, warning.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_warning_closed_once_its_cause_was_dealt_with_is_raised_anew_when_the_cause_returns()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Returning Arrears Ltd");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 10, workers: 5);
        await WarningArrange.RunEngineAsync(App);
        await WarningDataArrange.ResolveIncidentsAsync(App, id, IncidentType.WageArrears);
        await WarningPageArrange.StepAsync(App, await WarningArrange.OpenWarningAsync(App, id, WarningRule.WageArrears),
            (w, head, now) => w.Dismiss(head, "Paid after mediation by the embassy", [], now));

        await WarningArrange.RunEngineAsync(App);
        Assert.Equal(WarningState.Dismissed, Assert.Single(await WarningArrange.WarningsAsync(App, id)).State);

        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 0, workers: 4);
        await WarningArrange.RunEngineAsync(App);

        var warnings = await WarningArrange.WarningsAsync(App, id);
        Assert.Equal([WarningState.Dismissed, WarningState.Open], warnings.Select(w => w.State));
    }

    [Fact]
    public async Task A_warning_closed_while_its_cause_lasted_before_closing_was_checked_is_raised_again_at_the_next_run()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Silently Closed Arrears Co");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 10, workers: 5);
        await WarningArrange.RunEngineAsync(App);
        var closed = await WarningArrange.OpenWarningAsync(App, id, WarningRule.WageArrears);
        // How a warning resolved before the check existed looks: closed, its incident still open.
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE "Warnings" SET "State" = {(int)WarningState.Resolved}, "Cause" = 'old', "Measures" = 'old', "ClosedAt" = now() WHERE "Id" = {closed}"""));

        var run = await WarningArrange.RunEngineAsync(App);

        var warnings = await WarningArrange.WarningsAsync(App, id);
        Assert.Equal([(closed, WarningState.Resolved), (warnings[1].Id, WarningState.Open)], warnings.Select(w => (w.Id, w.State)));
        Assert.Equal(WarningRule.WageArrears, warnings[1].Rule);
        Assert.True(run.Raised >= 1);
        Assert.Equal(0, (await WarningArrange.RunEngineAsync(App)).Written);
    }

    [Fact]
    public async Task Each_new_warning_points_at_the_record_that_caused_it_and_a_newer_cause_moves_the_pointer()
    {
        var arrears = await GradingArrange.RegularClientAsync(App, "staff1a", "Pointer Arrears FZE");
        await WarningArrange.IncidentAsync(App, arrears, IncidentType.WageArrears, daysAgo: 9, workers: 4);
        var registeredDeclining = await GradingArrange.ActiveClientAsync(App, "staff1a", "Pointer Registered Decline",
            card => card with { OperatingStatus = OperatingStatus.Declining });
        var editedDeclining = await GradingArrange.ActiveClientAsync(App, "staff1a", "Pointer Edited Decline", card => card);
        var revision = await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == editedDeclining);
            client.UpdateCard(client.CurrentCard() with { OperatingStatus = OperatingStatus.Distressed }, App.Clock, "staff1a");
            await db.SaveChangesAsync();
            return await db.ClientCardRevisions.Where(r => r.ClientId == editedDeclining).Select(r => r.Id).SingleAsync();
        });
        var quiet = await GradingArrange.ActiveClientAsync(App, "staff1a", "Pointer Quiet B", card => card);
        await GradingArrange.ProjectsAsync(App, quiet, [700, 400], workers: 5, amountCny: 50_000m);
        await WarningDataArrange.SetGradeAsync(App, quiet, Domain.Grading.ClientGrade.B);

        await WarningArrange.RunEngineAsync(App);

        var incident = await App.WithDbAsync(db => db.WorkerIncidents.Where(i => i.ClientId == arrears).Select(i => new { i.ProjectId, i.Id }).SingleAsync());
        Assert.Equal(WarningSource.Incident(incident.ProjectId, incident.Id), await SourceAsync(arrears, WarningRule.WageArrears));
        Assert.Equal(WarningSource.CardChange(null), await SourceAsync(registeredDeclining, WarningRule.OperatingStatusDeclined));
        Assert.Equal(WarningSource.CardChange(revision), await SourceAsync(editedDeclining, WarningRule.OperatingStatusDeclined));
        var newestBatch = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == quiet)
            .OrderByDescending(p => p.ContractSignedOn).Select(p => p.Id).FirstAsync());
        Assert.Equal(WarningSource.Project(newestBatch), await SourceAsync(quiet, WarningRule.NoNewBatch));

        await WarningArrange.IncidentAsync(App, arrears, IncidentType.WageArrears, daysAgo: 1, workers: 2);
        await WarningArrange.RunEngineAsync(App);

        var newer = await App.WithDbAsync(db => db.WorkerIncidents.Where(i => i.ClientId == arrears).OrderByDescending(i => i.OccurredOn)
            .Select(i => new { i.ProjectId, i.Id }).FirstAsync());
        Assert.NotEqual(incident.Id, newer.Id);
        Assert.Equal(WarningSource.Incident(newer.ProjectId, newer.Id), await SourceAsync(arrears, WarningRule.WageArrears));
    }

    [Fact]
    public async Task An_open_warning_raised_before_warnings_had_sources_gets_its_source_at_the_next_run_and_nothing_else_changes()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Unpointed Arrears Co");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 6, workers: 3);
        await WarningArrange.RunEngineAsync(App);
        var warningId = await WarningArrange.OpenWarningAsync(App, id, WarningRule.WageArrears);
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE "Warnings" SET "SourceKind" = NULL, "SourceProjectId" = NULL, "SourceRecordId" = NULL WHERE "Id" = {warningId}"""));
        var events = await WarningDataArrange.CountAsync<WarningEvent>(App);

        var run = await WarningArrange.RunEngineAsync(App);

        Assert.Equal(0, run.Written);
        Assert.Equal(events, await WarningDataArrange.CountAsync<WarningEvent>(App));
        var incident = await App.WithDbAsync(db => db.WorkerIncidents.Where(i => i.ClientId == id).Select(i => new { i.ProjectId, i.Id }).SingleAsync());
        Assert.Equal(WarningSource.Incident(incident.ProjectId, incident.Id), await SourceAsync(id, WarningRule.WageArrears));
    }

    [Fact]
    public async Task Two_runs_started_at_once_take_turns_on_the_lock_and_raise_each_warning_once()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Concurrent Arrears Co");
        await WarningArrange.IncidentAsync(App, id, IncidentType.WageArrears, daysAgo: 3, workers: 9);

        // Without the advisory lock both would insert the same warning and one would fail on the unique index. Both runs start
        // while the test holds the engine's lock, so both are in progress at once, queued for it.
        int queued;
        Task<WarningRun>[] started;
        await using (var held = await HeldAdvisoryLock.TakeAsync(App.ConnectionString, AdvisoryLocks.WarningEngine))
        {
            started = [Task.Run(() => WarningArrange.RunEngineAsync(App)), Task.Run(() => WarningArrange.RunEngineAsync(App))];
            queued = await held.WaitForWaitersAsync(2);
        }

        var runs = await Task.WhenAll(started);

        Assert.Equal(2, queued);
        Assert.Single(await WarningArrange.WarningsAsync(App, id));
        var ordered = runs.OrderBy(r => r.StartedAt).ToList();
        Assert.True(ordered[1].StartedAt >= ordered[0].FinishedAt, "the second run started before the first one finished");
        Assert.Equal(0, ordered[1].Raised);
    }

    [Fact]
    public async Task A_new_warning_tells_the_department_head_the_owner_and_for_high_ones_the_leaders()
    {
        var abnormal = await GradingArrange.RegularClientAsync(App, "staff1a", "High Severity Arrears");
        await WarningArrange.IncidentAsync(App, abnormal, IncidentType.WageArrears, daysAgo: 3, workers: 9);
        var declining = await GradingArrange.ActiveClientAsync(App, "staff1b", "Normal Severity Decline",
            card => card with { OperatingStatus = OperatingStatus.Declining });

        await WarningArrange.RunEngineAsync(App);

        var high = await WarningArrange.OpenWarningAsync(App, abnormal, WarningRule.WageArrears);
        var normal = await WarningArrange.OpenWarningAsync(App, declining, WarningRule.OperatingStatusDeclined);
        Assert.Equal(
            [("head1", NotificationKind.WarningToReview), ("leader", NotificationKind.HighWarning), ("staff1a", NotificationKind.WarningOnOwnClient)],
            await RecipientsAsync(high));
        Assert.Equal([("head1", NotificationKind.WarningToReview), ("staff1b", NotificationKind.WarningOnOwnClient)], await RecipientsAsync(normal));
        var warning = Assert.Single(await WarningArrange.WarningsAsync(App, declining));
        Assert.Equal((WarningFamily.MajorChange, WarningSeverity.Normal), (warning.Family, warning.Severity));
    }

    [Fact]
    public async Task Any_warning_on_an_A_client_is_high_and_reaches_the_leaders()
    {
        var id = await GradingArrange.ActiveClientAsync(App, "staff2a", "Key Client In Decline", card => card with { OperatingStatus = OperatingStatus.Distressed });
        await GradingArrange.ProjectsAsync(App, id, [20], workers: 10, amountCny: 100_000m);
        await WarningDataArrange.SetGradeAsync(App, id, Domain.Grading.ClientGrade.A);

        await WarningArrange.RunEngineAsync(App);

        var warning = await App.WithDbAsync(db => db.Warnings.SingleAsync(w => w.ClientId == id && w.Rule == WarningRule.OperatingStatusDeclined));
        Assert.Equal(WarningSeverity.High, warning.Severity);
        Assert.Contains(("leader", NotificationKind.HighWarning), await RecipientsAsync(warning.Id));
        Assert.Contains(("head2", NotificationKind.WarningToReview), await RecipientsAsync(warning.Id));
    }

    [Fact]
    public async Task The_churn_and_abnormal_rules_count_their_windows_in_the_database()
    {
        // Demand: 30 workers requested 13–24 months ago, 12 in the last 12 months — a 60% drop.
        var demand = await GradingArrange.ActiveClientAsync(App, "staff1a", "Falling Demand GmbH", card => card);
        await GradingArrange.ProjectsAsync(App, demand, [400, 500], workers: 15, amountCny: 100_000m);
        await GradingArrange.ProjectsAsync(App, demand, [100], workers: 12, amountCny: 100_000m);
        // A B client whose last batch was signed 400 days ago.
        var quiet = await GradingArrange.ActiveClientAsync(App, "staff1a", "Quiet B Client", card => card);
        await GradingArrange.ProjectsAsync(App, quiet, [400], workers: 5, amountCny: 50_000m);
        await WarningDataArrange.SetGradeAsync(App, quiet, Domain.Grading.ClientGrade.B);
        // Two labor disputes within 90 days; one older dispute does not count.
        var disputes = await GradingArrange.ActiveClientAsync(App, "staff1a", "Dispute Works", card => card);
        await GradingArrange.ProjectsAsync(App, disputes, [30], workers: 40, amountCny: 100_000m);
        await WarningArrange.IncidentAsync(App, disputes, IncidentType.LaborDispute, daysAgo: 10, workers: 3);
        await WarningArrange.IncidentAsync(App, disputes, IncidentType.LaborDispute, daysAgo: 89, workers: 3);
        await WarningArrange.IncidentAsync(App, disputes, IncidentType.LaborDispute, daysAgo: 120, workers: 3);
        // 8 of 40 workers on site sent home within 90 days: 20%.
        var repatriation = await GradingArrange.ActiveClientAsync(App, "staff1a", "Repatriation Yard", card => card);
        await GradingArrange.ProjectsAsync(App, repatriation, [30], workers: 40, amountCny: 100_000m);
        await WarningArrange.IncidentAsync(App, repatriation, IncidentType.EarlyRepatriation, daysAgo: 20, workers: 4);
        await WarningArrange.IncidentAsync(App, repatriation, IncidentType.EarlyRepatriation, daysAgo: 50, workers: 4);

        await WarningArrange.RunEngineAsync(App);

        Assert.Equal(
            [new("WorkersRequestedLast12Months", "12"), new("WorkersRequestedPrevious12Months", "30"), new("DropPercent", "60"), new("ThresholdPercent", "40")],
            await EvidenceAsync(demand, WarningRule.DemandDrop));
        Assert.Contains(new WarningFigure("ThresholdDays", "365"), await EvidenceAsync(quiet, WarningRule.NoNewBatch));
        Assert.Contains(new WarningFigure("RecentLaborDisputes", "2"), await EvidenceAsync(disputes, WarningRule.LaborDisputes));
        Assert.Contains(new WarningFigure("RepatriatedPercent", "20"), await EvidenceAsync(repatriation, WarningRule.EarlyRepatriation));
        // Each client only the rule it was built for.
        foreach (var client in new[] { demand, quiet, disputes, repatriation })
        {
            Assert.Single(await WarningArrange.WarningsAsync(App, client));
        }
    }

    [Fact]
    public async Task An_incident_saved_on_the_page_raises_its_warning_without_waiting_for_the_schedule()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Page Arrears Trading");
        var projectId = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == id).Select(p => p.Id).FirstAsync());
        var staff = await SignedInAsync("staff1a");

        using var saved = await staff.SubmitAsync($"/Clients/{id}/Projects/{projectId}/Incidents/Create", "#incident-form", new Dictionary<string, string?>
        {
            ["Input.Type"] = "WageArrears",
            ["Input.OccurredOn"] = App.Clock.Today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.WorkersAffected"] = "6",
            ["Input.ArrearsAmount"] = "10800",
            ["Input.ArrearsCurrency"] = "CNY",
            ["Input.Description"] = "工资拖欠两个月 Two months unpaid",
            ["Input.Status"] = "Open",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        // The page only commits; the outbox's handler looks at the client right after.
        await App.DrainOutboxAsync();
        var warning = Assert.Single(await WarningArrange.WarningsAsync(App, id));
        Assert.Equal(WarningRule.WageArrears, warning.Rule);
        Assert.Equal(0, await App.WithDbAsync(db => db.WarningRuns.CountAsync())); // not a company-wide run
    }

    [Fact]
    public async Task An_open_abnormal_warning_keeps_the_credit_criterion_of_the_grades_unmet()
    {
        var id = await GradingArrange.KeyClientAsync(App, "staff1a", "Filed Abnormal Key Co");
        await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == id);
            var staff = await db.Users.SingleAsync(u => u.UserName == "staff1a");
            db.Warnings.Add(Warning.File(client, WarningFamily.Abnormal, "劳资关系紧张 Tension on site", null,
                new WarningActor(staff.Id, staff.DisplayName, false, false), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });

        var page = await (await SignedInAsync("staff1a")).GetPageAsync($"/Clients/{id}");
        var criterion = page.QuerySelector(".criteria-table[data-grade='A'] tr[data-criterion='NoOpenAbnormalWarning']")!;
        Assert.Equal("false", criterion.GetAttribute("data-met"));
        Assert.Equal("1", criterion.QuerySelector(".criterion-actual")!.TextContent.Trim());
    }

    private Task<WarningSource?> SourceAsync(Guid clientId, WarningRule rule) =>
        App.WithDbAsync(async db => (await db.Warnings.SingleAsync(w => w.ClientId == clientId && w.Rule == rule)).Source);

    private Task<List<WarningFigure>> EvidenceAsync(Guid clientId, WarningRule rule) =>
        App.WithDbAsync(async db => (await db.Warnings.SingleAsync(w => w.ClientId == clientId && w.Rule == rule)).Evidence.ToList());

    private Task<List<(string User, NotificationKind Kind)>> RecipientsAsync(Guid warningId) =>
        App.WithDbAsync(async db =>
        {
            var rows = await db.Notifications.Where(n => n.SubjectId == warningId)
                .Join(db.Users, n => n.RecipientId, u => u.Id, (n, u) => new { u.UserName, n.Kind }).ToListAsync();
            return rows.Select(r => (r.UserName!, r.Kind)).OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
        });
}
