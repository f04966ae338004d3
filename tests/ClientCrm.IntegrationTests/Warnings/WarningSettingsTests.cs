using System.Net;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Warnings;

public sealed class WarningSettingsTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly string[] Fields =
    [
        "DemandDropPercent", "DemandDropMinPrevious", "NoNewBatchDaysA", "NoNewBatchDaysB", "LaborDisputesMin", "LaborDisputesDays",
        "RepatriatedMinWorkers", "RepatriatedMinPercent", "RepatriatedDays", "EscalateAfterDays", "RunEveryMinutes",
    ];

    [Fact]
    public async Task The_settings_page_shows_the_SPEC_defaults_with_a_hint_for_each_rule()
    {
        var leader = await SignedInAsync("leader");
        var page = await leader.GetPageAsync("/Settings/Warnings");

        Assert.Equal(["40", "10", "180", "365", "2", "90", "5", "20", "90", "3", "60"],
            Fields.Select(f => HtmlAssert.FieldValue(page, $"Input.{f}")));
        Assert.Equal(5, page.QuerySelectorAll("#warning-settings-form fieldset > p.form-text").Length);
        Assert.Equal(Fields.Length, page.QuerySelectorAll("#warning-settings-form fieldset .form-text[id$='-note']").Length);
        Assert.Contains("劳资纠纷", page.QuerySelector("#group-labor-disputes")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#warning-run-form"));
        Assert.NotNull(page.QuerySelector("#warning-runs"));
    }

    [Fact]
    public async Task A_leader_saves_new_thresholds_and_the_audit_log_has_old_and_new_values()
    {
        var leader = await SignedInAsync("leader");

        using var saved = await leader.SubmitAsync("/Settings/Warnings", "#warning-settings-form", new Dictionary<string, string?>
        {
            ["Input.LaborDisputesMin"] = "3",
            ["Input.NoNewBatchDaysA"] = "120",
            ["Input.RunEveryMinutes"] = "30",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var thresholds = await App.WithDbAsync(async db => (await db.WarningSettings.SingleAsync()).Thresholds);
        Assert.Equal(WarningThresholds.Default with { LaborDisputesMin = 3, NoNewBatchDaysA = 120, RunEveryMinutes = 30 }, thresholds);
        var page = await leader.GetPageAsync("/Settings/Warnings");
        Assert.Equal("3", HtmlAssert.FieldValue(page, "Input.LaborDisputesMin"));
        Assert.Equal("设置已保存。", page.QuerySelector("#flash")?.TextContent.Trim());

        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "WarningSettings").Select(a => new { a.ChangesJson, a.UserName }).SingleAsync());
        Assert.Equal("leader", audit.UserName);
        using var changes = System.Text.Json.JsonDocument.Parse(audit.ChangesJson!);
        var disputes = changes.RootElement.GetProperty("LaborDisputesMin");
        Assert.Equal((2, 3), (disputes.GetProperty("from").GetInt32(), disputes.GetProperty("to").GetInt32()));
        var days = changes.RootElement.GetProperty("NoNewBatchDaysA");
        Assert.Equal((180, 120), (days.GetProperty("from").GetInt32(), days.GetProperty("to").GetInt32()));
        Assert.False(changes.RootElement.TryGetProperty("LaborDisputesDays", out _));
    }

    [Fact]
    public async Task Inconsistent_thresholds_are_refused_next_to_the_field_and_keep_what_was_typed()
    {
        var leader = await SignedInAsync("leader");
        using var response = await leader.SubmitAsync("/Settings/Warnings", "#warning-settings-form", new Dictionary<string, string?>
        {
            ["Input.NoNewBatchDaysA"] = "400",
            ["Input.DemandDropPercent"] = "0",
            ["Input.RepatriatedMinWorkers"] = "0",
            ["Input.LaborDisputesDays"] = "",
            ["Input.RunEveryMinutes"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("A类客户的无新批次天数不能多于B类客户。", HtmlAssert.FieldError(page, "Input.NoNewBatchDaysB"));
        Assert.Equal("百分比须在 1 到 100 之间。", HtmlAssert.FieldError(page, "Input.DemandDropPercent"));
        Assert.Equal("数量至少为 1。", HtmlAssert.FieldError(page, "Input.RepatriatedMinWorkers"));
        Assert.NotEmpty(HtmlAssert.FieldError(page, "Input.LaborDisputesDays"));
        Assert.NotEmpty(HtmlAssert.FieldError(page, "Input.RunEveryMinutes"));
        Assert.Empty(HtmlAssert.FieldError(page, "Input.NoNewBatchDaysA"));
        Assert.NotNull(page.QuerySelector("#form-errors-notice"));
        Assert.Equal(("400", "0", "abc"), (HtmlAssert.FieldValue(page, "Input.NoNewBatchDaysA"), HtmlAssert.FieldValue(page, "Input.DemandDropPercent"),
            HtmlAssert.FieldValue(page, "Input.RunEveryMinutes")));
        Assert.Equal(WarningThresholds.Default, await App.WithDbAsync(async db => (await db.WarningSettings.SingleAsync()).Thresholds));
    }

    [Fact]
    public async Task A_window_too_long_for_the_engine_is_refused()
    {
        var leader = await SignedInAsync("leader");
        using var response = await leader.SubmitAsync("/Settings/Warnings", "#warning-settings-form",
            new Dictionary<string, string?> { ["Input.LaborDisputesDays"] = "2000000000" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("不能大于 3650。", HtmlAssert.FieldError(await CrmClient.ParseAsync(response), "Input.LaborDisputesDays"));
    }

    [Fact]
    public async Task A_second_leader_saving_over_a_newer_version_is_told_and_keeps_what_they_typed()
    {
        var first = await SignedInAsync("leader");
        var second = await SignedInAsync("leader");
        var stale = await second.GetPageAsync("/Settings/Warnings");
        using var saved = await first.SubmitAsync("/Settings/Warnings", "#warning-settings-form",
            new Dictionary<string, string?> { ["Input.EscalateAfterDays"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var response = await second.SubmitAsync(stale, "/Settings/Warnings", "#warning-settings-form",
            new Dictionary<string, string?> { ["Input.EscalateAfterDays"] = "7" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("已被他人修改", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("7", HtmlAssert.FieldValue(page, "Input.EscalateAfterDays"));
        Assert.Equal(5, await App.WithDbAsync(db => db.WarningSettings.Select(s => s.EscalateAfterDays).SingleAsync()));
    }

    [Theory]
    [InlineData("head1")]
    [InlineData("staff1a")]
    [InlineData("admin")]
    public async Task Only_leaders_change_the_thresholds_or_start_a_run(string userName)
    {
        var user = await SignedInAsync(userName);

        using var page = await user.GetAsync("/Settings/Warnings");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var post = await user.PostDirectAsync("/Settings/Warnings", new Dictionary<string, string?> { ["Input.LaborDisputesMin"] = "1" });
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        using var run = await user.PostDirectAsync("/Settings/Warnings?handler=Run", new Dictionary<string, string?>());
        Assert.NotEqual(HttpStatusCode.OK, run.StatusCode);

        Assert.Equal(WarningThresholds.Default, await App.WithDbAsync(async db => (await db.WarningSettings.SingleAsync()).Thresholds));
        Assert.Equal(0, await App.WithDbAsync(db => db.WarningRuns.CountAsync()));
    }

    [Fact]
    public async Task Run_now_checks_every_client_and_the_run_appears_in_the_table_with_the_demo_warnings()
    {
        var leader = await SignedInAsync("leader");

        using var response = await leader.SubmitAsync("/Settings/Warnings", "#warning-run-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var run = await App.WithDbAsync(db => db.WarningRuns.SingleAsync());
        Assert.Equal((WarningRunTrigger.OnDemand, "leader"), (run.Trigger, run.StartedByName));
        Assert.Equal(await App.WithDbAsync(db => db.Clients.CountAsync()), run.Assessed);
        var page = await leader.GetPageAsync("/Settings/Warnings");
        Assert.Contains($"新增 {run.Raised} 条预警", page.QuerySelector("#flash")!.TextContent, StringComparison.Ordinal);
        var row = Assert.Single(page.QuerySelectorAll("#warning-runs tr[data-run-id]"));
        Assert.Equal(run.Id.ToString(), row.GetAttribute("data-run-id"));
        Assert.Contains("手动", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(run.Raised.ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector(".run-raised")!.TextContent.Trim());

        // The demo company shows each kind of warning after its first check: wage arrears, labor disputes, a client in decline.
        var rules = await App.WithDbAsync(db => db.Warnings.Select(w => w.Rule).Distinct().ToListAsync());
        Assert.Contains(WarningRule.WageArrears, rules);
        Assert.Contains(WarningRule.LaborDisputes, rules);
        Assert.Contains(WarningRule.OperatingStatusDeclined, rules);
        var headsNotified = await App.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.WarningToReview)
            .Join(db.Users, n => n.RecipientId, u => u.Id, (n, u) => u.UserName).Distinct().ToListAsync());
        Assert.Equal(["head1", "head2"], headsNotified.Order(StringComparer.Ordinal));
        Assert.NotNull((await leader.GetPageAsync("/")).QuerySelector("#inbox-count"));
    }
}
