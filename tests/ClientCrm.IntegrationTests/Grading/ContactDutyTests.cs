using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Infrastructure.Grading;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Grading;

/// <summary>SPEC §4 duties: contact at least every 30/60/90 days by grade; overdue contacts are shown to the owner and the head.</summary>
public sealed class ContactDutyTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_C_client_without_contact_for_more_than_90_days_is_overdue_for_the_owner_and_the_head_until_a_contact_is_recorded()
    {
        // Registered three years ago, never contacted.
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", "Silent Since Long Co", card => card);
        var staff = await SignedInAsync("staff1a");
        var head = await SignedInAsync("head1");

        Assert.NotNull((await staff.GetPageAsync($"/Clients/{id}")).QuerySelector("#contact-overdue"));
        Assert.NotNull((await staff.GetPageAsync("/Clients?overdue=true")).QuerySelector($"#client-table tr[data-client-id='{id}'] .contact-overdue"));
        Assert.NotNull((await staff.GetPageAsync("/")).QuerySelector($"#overdue-contacts tr[data-client-id='{id}']"));
        Assert.NotNull((await head.GetPageAsync("/")).QuerySelector($"#overdue-contacts tr[data-client-id='{id}']"));
        var otherStaff = await SignedInAsync("staff1b");
        Assert.Null((await otherStaff.GetPageAsync("/")).QuerySelector($"#overdue-contacts tr[data-client-id='{id}']"));

        var today = App.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var recorded = await staff.SubmitAsync($"/Clients/{id}", "#contact-form", new Dictionary<string, string?> { ["ContactOn"] = today });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var page = await staff.GetPageAsync($"/Clients/{id}");
        Assert.Null(page.QuerySelector("#contact-overdue"));
        Assert.Contains(today, page.QuerySelector("#contact-clock")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await staff.GetPageAsync("/Clients?overdue=true")).QuerySelector($"#client-table tr[data-client-id='{id}']"));
        var changes = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.ClientId == id && a.EntityType == "Client").Select(a => a.ChangesJson).ToListAsync());
        Assert.Single(changes, c => c!.Contains("\"LastContactOn\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contact_date_in_the_future_is_refused_next_to_the_field()
    {
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", "Future Contact Co", card => card);
        var staff = await SignedInAsync("staff1a");
        var tomorrow = App.Clock.Today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await staff.SubmitAsync($"/Clients/{id}", "#contact-form", new Dictionary<string, string?> { ["ContactOn"] = tomorrow });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("不能晚于今天", HtmlAssert.FieldError(page, "ContactOn"), StringComparison.Ordinal);
        Assert.Equal(tomorrow, HtmlAssert.FieldValue(page, "ContactOn"));
        Assert.Null(await GradingArrange.ClientAsync(App, id, c => c.LastContactOn));
    }

    [Fact]
    public async Task The_contact_interval_follows_the_grade()
    {
        // Last contact 45 days ago: overdue for an A client (30 days), not for a B client (60 days).
        var a = await GradingArrange.KeyClientAsync(App, "staff1a", "Interval A Co");
        var b = await GradingArrange.RegularClientAsync(App, "staff1a", "Interval B Co");
        var leader = await SignedInAsync("leader");
        foreach (var (id, grade) in new[] { (a, "A"), (b, "B") })
        {
            using var set = await leader.SubmitAsync($"/Clients/{id}", "#grade-form",
                new Dictionary<string, string?> { ["GradeTo"] = grade, ["GradeReason"] = "测试联系间隔" });
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        var staff = await SignedInAsync("staff1a");
        var day = App.Clock.Today.AddDays(-45).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var id in new[] { a, b })
        {
            using var recorded = await staff.SubmitAsync($"/Clients/{id}", "#contact-form", new Dictionary<string, string?> { ["ContactOn"] = day });
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        var overdue = await staff.GetPageAsync("/Clients?overdue=true");
        Assert.NotNull(overdue.QuerySelector($"#client-table tr[data-client-id='{a}']"));
        Assert.Null(overdue.QuerySelector($"#client-table tr[data-client-id='{b}']"));
        Assert.Contains("60", (await staff.GetPageAsync($"/Clients/{b}")).QuerySelector("#grade-duties")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shortening_a_contact_interval_makes_clients_overdue_at_once_and_the_stored_due_day_follows()
    {
        // A C client last contacted 70 days ago: within the default 90 days, past 60.
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", "Seventy Days Co", card => card);
        var staff = await SignedInAsync("staff1a");
        var day = App.Clock.Today.AddDays(-70);
        using (var recorded = await staff.SubmitAsync($"/Clients/{id}", "#contact-form",
                   new Dictionary<string, string?> { ["ContactOn"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        Assert.Equal(day.AddDays(90), await GradingArrange.ClientAsync(App, id, c => c.ContactDueOn));
        Assert.Null((await staff.GetPageAsync("/Clients?overdue=true")).QuerySelector($"#client-table tr[data-client-id='{id}']"));

        var leader = await SignedInAsync("leader");
        using var saved = await leader.SubmitAsync("/Settings/Grading", "#grading-settings-form",
            new Dictionary<string, string?> { ["Input.ContactDaysC"] = "60" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(day.AddDays(60), await GradingArrange.ClientAsync(App, id, c => c.ContactDueOn));
        Assert.NotNull((await staff.GetPageAsync("/Clients?overdue=true")).QuerySelector($"#client-table tr[data-client-id='{id}']"));
        Assert.NotNull((await staff.GetPageAsync("/")).QuerySelector($"#overdue-contacts tr[data-client-id='{id}']"));
    }

    [Fact]
    public async Task The_overdue_filter_and_the_rule_agree_on_every_client()
    {
        // The list filter (SQL over the stored day) and ContactDuty.IsOverdue (the rule over the clock) for each demo client.
        await GradingArrange.ActiveClientAsync(App, "staff1a", "Long Silent Co", card => card);
        var today = App.Clock.Today;
        await App.WithDbAsync(async db =>
        {
            var thresholds = await db.GradingThresholdsAsync();
            var overdue = (await db.Clients.WhereContactOverdue(today).Select(c => c.Id).ToListAsync()).ToHashSet();
            var clients = await db.Clients.AsNoTracking().ToListAsync();
            Assert.Contains(clients, c => overdue.Contains(c.Id));
            Assert.All(clients, c => Assert.Equal(
                Domain.Grading.ContactDuty.IsOverdue(c.Grade, c.Status, c.ContactClockStart(App.Clock), today, thresholds), overdue.Contains(c.Id)));
        });
    }

    [Fact]
    public async Task Start_up_stores_the_due_days_of_clients_that_have_none()
    {
        var id = await GradingArrange.ActiveClientAsync(App, "staff1a", "Unscheduled Co", card => card);
        var (contact, review) = await App.WithDbAsync(async db =>
        {
            var c = await db.Clients.AsNoTracking().SingleAsync(x => x.Id == id);
            return (c.ContactDueOn, c.CardReviewDueOn);
        });
        // Both set at registration, so storing them again is a real comparison, not null against null.
        Assert.NotNull(contact);
        Assert.NotNull(review);
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Clients\" SET \"ContactDueOn\" = NULL, \"CardReviewDueOn\" = NULL WHERE \"Id\" = {0}", id));

        var scheduled = await App.WithDbAsync(async db => await ContactSchedule.ScheduleMissingAsync(db, await db.GradingThresholdsAsync(), App.Clock));

        Assert.Equal(1, scheduled);
        Assert.Equal((contact, review), await App.WithDbAsync(async db =>
        {
            var c = await db.Clients.AsNoTracking().SingleAsync(x => x.Id == id);
            return (c.ContactDueOn, c.CardReviewDueOn);
        }));
    }
}
