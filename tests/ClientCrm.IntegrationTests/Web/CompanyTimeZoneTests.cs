using System.Net;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Projects;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// Issue 10.5: the app lives in the company's zone (Asia/Shanghai), not the server's. At 01:30 Beijing time the UTC date
/// is still yesterday; every date the app shows or defaults to, every "today" it computes and every time it displays is
/// Beijing's, whatever zone the server (or this test process, TZ=UTC or TZ=America/Los_Angeles) runs in.
/// </summary>
public sealed class CompanyTimeZoneTests(PostgresFixture postgres) : AppTest(postgres)
{
    /// <summary>2026-12-02 01:30 in Beijing.</summary>
    private static readonly DateTimeOffset HalfPastOneInBeijing = new(2026, 12, 1, 17, 30, 0, TimeSpan.Zero);

    private const string BeijingDate = "2026-12-02";
    private const string BeijingTime = "2026-12-02 01:30";

    private readonly AdjustableClock _clock = new(HalfPastOneInBeijing);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task The_start_page_counts_at_the_Beijing_time_and_lists_what_is_due_on_the_Beijing_date()
    {
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", "Due In Beijing Co", card => card);
        // Contact was due yesterday (Beijing), so it is overdue today; the card review falls due today. Both still lie
        // ahead by the UTC date (2026-12-01). The card was last reviewed at 01:30 Beijing a year ago (2025-12-01 in UTC).
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """
            UPDATE "Clients" SET "Grade" = {0}, "ContactDueOn" = DATE '2026-12-01', "CardReviewDueOn" = DATE '2026-12-02',
                "CardReviewedAt" = TIMESTAMPTZ '2025-12-01 17:30:00+00' WHERE "Id" = {1}
            """, (int)ClientGrade.A, id));
        var staff = await SignedInAsync("staff1a");

        var home = await staff.GetPageAsync("/");

        Assert.Contains("01:30", home.QuerySelector("#counted-at")!.TextContent, StringComparison.Ordinal);
        var overdue = home.QuerySelector($"#overdue-contacts tr[data-client-id='{id}']");
        Assert.NotNull(overdue);
        Assert.Contains("2026-12-01", overdue.TextContent, StringComparison.Ordinal);
        var review = home.QuerySelector($"#review-due a[href='/Clients/{id}']")?.ParentElement;
        Assert.NotNull(review);
        Assert.Contains("2025-12-02", review.TextContent, StringComparison.Ordinal);
        var page = await staff.GetPageAsync($"/Clients/{id}");
        Assert.NotNull(page.QuerySelector("#review-due"));
        Assert.NotNull(page.QuerySelector("#contact-overdue"));
    }

    [Fact]
    public async Task A_client_registered_at_half_past_one_shows_the_Beijing_date_and_time_and_its_due_days_count_from_that_date()
    {
        var staff = await SignedInAsync("staff1a");

        using var response = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration("Night Shift Trading"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await staff.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(BeijingDate, details.QuerySelector("#client-registered-at")!.TextContent.Trim());
        Assert.Equal(BeijingTime, details.QuerySelector("#client-updated-at")!.TextContent.Trim());
        Assert.Equal(BeijingDate, details.QuerySelector("#card-reviewed-at")!.TextContent.Trim());
        Assert.Equal("2027-12-02", details.QuerySelector("#card-review-due-on")!.TextContent.Trim());
        // A new client is C: the next contact is due 90 days after the Beijing registration date.
        Assert.Contains("2027-03-02", details.QuerySelector("#contact-clock")!.TextContent, StringComparison.Ordinal);
        Assert.Null(details.QuerySelector("#contact-overdue"));

        var list = await staff.GetPageAsync("/Clients?q=Night+Shift");
        var row = Assert.Single(list.QuerySelectorAll("#client-table tbody tr[data-client-id]"));
        Assert.Contains(BeijingDate, row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_on_the_Beijing_date_is_recorded_and_the_day_after_is_refused()
    {
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", "Early Call Co", card => card);
        var staff = await SignedInAsync("staff1a");

        using (var tomorrow = await staff.SubmitAsync($"/Clients/{id}", "#contact-form", new Dictionary<string, string?> { ["ContactOn"] = "2026-12-03" }))
        {
            Assert.Equal(HttpStatusCode.OK, tomorrow.StatusCode);
            Assert.Contains("不能晚于今天", HtmlAssert.FieldError(await CrmClient.ParseAsync(tomorrow), "ContactOn"), StringComparison.Ordinal);
        }

        using var today = await staff.SubmitAsync($"/Clients/{id}", "#contact-form", new Dictionary<string, string?> { ["ContactOn"] = BeijingDate });

        Assert.Equal(HttpStatusCode.Redirect, today.StatusCode);
        Assert.Equal(new DateOnly(2026, 12, 2), await GradingArrange.ClientAsync(App, id, c => c.LastContactOn));
    }

    [Fact]
    public async Task The_incident_form_defaults_to_the_Beijing_date_and_the_record_shows_the_Beijing_time()
    {
        var clientId = await ProjectTestData.FreshActiveClientAsync(App, "staff1a");
        var projectId = await ProjectTestData.ArrangeProjectAsync(App, clientId, "夜班焊工批次");
        var staff = await SignedInAsync("staff1a");
        var projectUrl = $"/Clients/{clientId}/Projects/{projectId}";
        var createUrl = $"{projectUrl}/Incidents/Create";

        var form = await staff.GetPageAsync(createUrl);
        Assert.Equal(BeijingDate, HtmlAssert.FieldValue(form, "Input.OccurredOn"));

        using var saved = await staff.SubmitAsync(form, createUrl, "#incident-form", new Dictionary<string, string?>
        {
            ["Input.Type"] = "WageArrears",
            ["Input.WorkersAffected"] = "4",
            ["Input.ArrearsAmount"] = "9200",
            ["Input.ArrearsCurrency"] = "CNY",
            ["Input.Description"] = "凌晨报告：四名工人工资未发 Four workers unpaid, reported at night",
            ["Input.Status"] = "Open",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var project = await staff.GetPageAsync(projectUrl);
        Assert.Equal(BeijingTime, project.QuerySelector("#project-updated-at")!.TextContent.Trim());
        var row = Assert.Single(project.QuerySelectorAll("#incident-table tbody tr"));
        Assert.Contains(BeijingDate, row.TextContent, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(15));
        using var resolved = await staff.SubmitAsync(row.QuerySelector("a.incident-edit")!.GetAttribute("href")!, "#incident-form",
            new Dictionary<string, string?> { ["Input.Status"] = "Resolved", ["Input.HandlingRecord"] = "雇主当日补发 Paid the same day" });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var after = await staff.GetPageAsync(projectUrl);
        Assert.Equal(BeijingDate, after.QuerySelector("#incident-table .incident-resolved-on")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_rate_entered_at_half_past_one_takes_effect_on_the_Beijing_date_and_shows_the_Beijing_time()
    {
        var leader = await SignedInAsync("leader");
        const string ratesUrl = "/Settings/ExchangeRates";
        var form = await leader.GetPageAsync(ratesUrl);
        Assert.Equal(BeijingDate, HtmlAssert.FieldValue(form, "Input.EffectiveFrom"));

        using (var added = await leader.SubmitAsync(form, ratesUrl, "#rate-form",
                   new Dictionary<string, string?> { ["Input.Currency"] = "USD", ["Input.CnyPerUnit"] = "7.5" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var rates = await leader.GetPageAsync(ratesUrl);
        var rate = rates.QuerySelector($"#rate-table tbody tr[data-currency='USD'][data-effective-from='{BeijingDate}']");
        Assert.NotNull(rate);
        Assert.Contains(BeijingTime, rate.TextContent, StringComparison.Ordinal);

        // A contract amount entered now takes the rate in force on the Beijing date, the one just entered.
        var clientId = await ProjectTestData.FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var values = ProjectTestData.ValidProject("凌晨美元批次");
        values["Input.ContractAmount"] = "1000";
        values["Input.Currency"] = "USD";
        using var saved = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form", values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var project = await App.WithDbAsync(db => db.CooperationProjects.SingleAsync(p => p.Name == "凌晨美元批次"));
        Assert.Equal(((decimal?)7.5m, (DateOnly?)new DateOnly(2026, 12, 2)), (project.RateUsed, project.RateDate));

        // The audit log's period is in Beijing days too: the entry of 2026-12-01 17:30 UTC belongs to 2 December.
        var audit = await leader.GetPageAsync($"/Audit?entity=ExchangeRate&from={BeijingDate}&to={BeijingDate}");
        Assert.Contains(BeijingTime + ":00", audit.QuerySelector("#audit-table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labor_disputes_on_the_Beijing_date_count_in_the_warning_window_and_the_warning_is_dated_that_day()
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", "Night Dispute Co");
        await WarningArrange.IncidentAsync(App, id, IncidentType.LaborDispute, daysAgo: 0, workers: 6);
        await WarningArrange.IncidentAsync(App, id, IncidentType.LaborDispute, daysAgo: 0, workers: 9);

        await WarningArrange.RunEngineAsync(App);

        await WarningArrange.OpenWarningAsync(App, id, WarningRule.LaborDisputes);
        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync($"/Clients/{id}");
        Assert.Contains(BeijingDate, page.QuerySelector("#warning-column")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grading_settings_page_shows_the_company_time_zone()
    {
        var leader = await SignedInAsync("leader");

        var page = await leader.GetPageAsync("/Settings/Grading");

        Assert.Contains("公司时区：Asia/Shanghai (UTC+08:00)", page.QuerySelector("#company-time-zone")!.TextContent, StringComparison.Ordinal);
    }
}
