using System.Globalization;
using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ClientCrm.IntegrationTests.Projects.ProjectTestData;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// A save PostgreSQL refuses (someone else changed the record since the form was opened; someone else saved the same unique
/// value between the page's check and its save) is said on the form, next to the field where there is one, with everything
/// the user typed kept: the pages leave this to one filter (RefusalFilter) instead of catching it each.
/// </summary>
public sealed class RefusedSaveTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly DateTimeOffset Pinned = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new AdjustableClock(Pinned)));

    [Fact]
    public async Task A_project_changed_by_someone_else_since_the_form_was_opened_is_not_overwritten_and_what_was_typed_is_kept()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var projectId = await ArrangeProjectAsync(App, clientId, "并发修改批次");
        var editUrl = $"/Clients/{clientId}/Projects/{projectId}/Edit";
        var staff = await SignedInAsync("staff1a");
        var head = await SignedInAsync("head1");
        var stale = await staff.GetPageAsync(editUrl);
        using (var first = await head.SubmitAsync(editUrl, "#project-form", new Dictionary<string, string?> { ["Input.Notes"] = "部门负责人先保存的备注" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await staff.SubmitAsync(stale, editUrl, "#project-form",
            new Dictionary<string, string?> { ["Input.Notes"] = "业务员后保存的备注", ["Input.WorkersRequested"] = "25" });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await CrmClient.ParseAsync(second);
        Assert.Contains("已被他人修改", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("业务员后保存的备注", "25"), (HtmlAssert.FieldValue(page, "Input.Notes"), HtmlAssert.FieldValue(page, "Input.WorkersRequested")));
        Assert.Equal(("部门负责人先保存的备注", 20), await ProjectAsync(projectId));

        // The form now carries the version saved meanwhile: saving again, knowingly, goes through.
        using var again = await staff.SubmitAsync(page, editUrl, "#project-form");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(("业务员后保存的备注", 25), await ProjectAsync(projectId));
    }

    [Fact]
    public async Task A_rate_another_leader_saved_between_the_check_and_the_save_is_refused_next_to_the_date_with_the_input_kept()
    {
        var leader = await SignedInAsync("leader");
        var day = App.Clock.Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string?> { ["Input.Currency"] = "EUR", ["Input.CnyPerUnit"] = "7.7654", ["Input.EffectiveFrom"] = day };
        var form = await leader.GetPageAsync("/Settings/ExchangeRates");
        // Another leader's rate for the same currency and day lands right before this one: PostgreSQL refuses this insert (23505).
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """
            CREATE FUNCTION another_leader_first() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF pg_trigger_depth() = 1 THEN
                    INSERT INTO "ExchangeRates" ("Currency", "CnyPerUnit", "EffectiveFrom", "EnteredBy", "EnteredAt")
                    VALUES (NEW."Currency", 1, NEW."EffectiveFrom", 'another leader', NEW."EnteredAt");
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER another_leader_first BEFORE INSERT ON "ExchangeRates" FOR EACH ROW EXECUTE FUNCTION another_leader_first();
            """));

        using var refused = await leader.SubmitAsync(form, "/Settings/ExchangeRates", "#rate-form", values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await CrmClient.ParseAsync(refused);
        Assert.Equal("EUR 在该生效日期已有汇率。汇率不能修改，如需调整请选择新的生效日期。", HtmlAssert.FieldError(page, "Input.EffectiveFrom"));
        Assert.Equal(("EUR", "7.7654", day),
            (HtmlAssert.FieldValue(page, "Input.Currency"), HtmlAssert.FieldValue(page, "Input.CnyPerUnit"), HtmlAssert.FieldValue(page, "Input.EffectiveFrom")));
        Assert.Equal(0, await EuroRatesOnAsync(day));

        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """DROP TRIGGER another_leader_first ON "ExchangeRates"; DROP FUNCTION another_leader_first();"""));
        using var saved = await leader.SubmitAsync(page, "/Settings/ExchangeRates", "#rate-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await EuroRatesOnAsync(day));
    }

    private Task<(string? Notes, int Requested)> ProjectAsync(Guid id) =>
        App.WithDbAsync(async db =>
        {
            var project = await db.CooperationProjects.Where(p => p.Id == id).Select(p => new { p.Notes, p.WorkersRequested }).SingleAsync();
            return (project.Notes, project.WorkersRequested);
        });

    private Task<int> EuroRatesOnAsync(string day) =>
        App.WithDbAsync(db => db.ExchangeRates.CountAsync(r => r.Currency == "EUR" && r.EffectiveFrom == DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
}
