using System.Net;
using ClientCrm.Domain.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Grading;

public sealed class GradingSettingsTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_settings_page_shows_the_SPEC_defaults()
    {
        var leader = await SignedInAsync("leader");
        var page = await leader.GetPageAsync("/Settings/Grading");

        Assert.Equal("3", HtmlAssert.FieldValue(page, "Input.AMinBatchesLast12Months"));
        Assert.Equal("100", HtmlAssert.FieldValue(page, "Input.AMinWorkersLast24Months"));
        Assert.Equal("5000000", HtmlAssert.FieldValue(page, "Input.AMinAmountCnyLast24Months").Split('.')[0]);
        Assert.Equal("30", HtmlAssert.FieldValue(page, "Input.BMinWorkersLast24Months"));
        Assert.Equal(["30", "60", "90"], new[] { "A", "B", "C" }.Select(g => HtmlAssert.FieldValue(page, $"Input.ContactDays{g}")));
    }

    [Fact]
    public async Task Inconsistent_thresholds_are_refused_next_to_the_field_and_keep_what_was_typed()
    {
        var leader = await SignedInAsync("leader");
        using var response = await leader.SubmitAsync("/Settings/Grading", "#grading-settings-form", new Dictionary<string, string?>
        {
            ["Input.BMinWorkersLast24Months"] = "150",
            ["Input.ContactDaysC"] = "",
            ["Input.ParetoClassIIPercent"] = "abc",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("A 级门槛不能低于 B 级", HtmlAssert.FieldError(page, "Input.BMinWorkersLast24Months"), StringComparison.Ordinal);
        Assert.NotEmpty(HtmlAssert.FieldError(page, "Input.ContactDaysC"));
        Assert.NotEmpty(HtmlAssert.FieldError(page, "Input.ParetoClassIIPercent"));
        Assert.Equal("150", HtmlAssert.FieldValue(page, "Input.BMinWorkersLast24Months"));
        Assert.Equal("abc", HtmlAssert.FieldValue(page, "Input.ParetoClassIIPercent"));
        Assert.Equal(30, await App.WithDbAsync(db => db.GradingSettings.Select(s => s.BMinWorkersLast24Months).SingleAsync()));
    }

    [Fact]
    public async Task A_leader_lowers_a_threshold_the_next_run_uses_it_and_the_audit_log_has_old_and_new_values()
    {
        // Two batches this year and one the year before: A needs three this year by default.
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", "Threshold Sensitive Co", card => card with
        {
            CreditRating = Domain.Clients.CreditRating.Excellent, OperatingStatus = Domain.Clients.OperatingStatus.Good,
            DemandTrend = Domain.Clients.DemandTrend.Growing, CooperationIntent = Domain.Clients.CooperationIntent.Strong,
        });
        await GradingArrange.ProjectsAsync(App, id, [20, 40, 400], workers: 50, amountCny: 100_000m);
        var leader = await SignedInAsync("leader");
        Assert.Equal("B", (await leader.GetPageAsync($"/Clients/{id}")).QuerySelector("#assessed-grade")!.GetAttribute("data-grade"));

        using var saved = await leader.SubmitAsync("/Settings/Grading", "#grading-settings-form",
            new Dictionary<string, string?> { ["Input.AMinBatchesLast12Months"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal("A", (await leader.GetPageAsync($"/Clients/{id}")).QuerySelector("#assessed-grade")!.GetAttribute("data-grade"));
        await GradingArrange.StartRunAsync(leader);
        Assert.Equal(ClientGrade.A, await App.WithDbAsync(db => db.GradeProposals.Where(p => p.ClientId == id).Select(p => p.ProposedGrade).SingleAsync()));
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "GradingSettings").Select(a => a.ChangesJson).SingleAsync());
        using var changes = System.Text.Json.JsonDocument.Parse(audit!);
        var batches = changes.RootElement.GetProperty("AMinBatchesLast12Months");
        Assert.Equal((3, 2), (batches.GetProperty("from").GetInt32(), batches.GetProperty("to").GetInt32()));
    }

    [Fact]
    public async Task Department_heads_cannot_change_the_thresholds()
    {
        var head = await SignedInAsync("head1");
        using var page = await head.GetAsync("/Settings/Grading");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        using var post = await head.PostDirectAsync("/Settings/Grading", new Dictionary<string, string?> { ["Input.AMinBatchesLast12Months"] = "1" });
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(3, await App.WithDbAsync(db => db.GradingSettings.Select(s => s.AMinBatchesLast12Months).SingleAsync()));
    }
}
