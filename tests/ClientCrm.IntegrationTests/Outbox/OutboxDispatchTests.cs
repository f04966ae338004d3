using System.Diagnostics;
using System.Globalization;
using System.Net;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClientCrm.IntegrationTests.Outbox;

/// <summary>
/// What follows a save runs after the commit, through the outbox: the page only saves (with the event, in one transaction),
/// and the warning handler looks at the client's warnings afterwards, even when the engine is busy for seconds.
/// </summary>
public sealed class OutboxDispatchTests(PostgresFixture postgres) : AppTest(postgres)
{
    /// <summary>
    /// Far above what a save takes even on this slow, shared machine (a few hundred milliseconds; a few seconds at worst under
    /// load), and far below how long the test holds the engine's lock: a page that still waited for the engine would run into
    /// it, one that only commits never comes near it.
    /// </summary>
    private static readonly TimeSpan PromptSave = TimeSpan.FromSeconds(30);

    // Whole seconds: instants go through timestamptz (microseconds) and are compared with the clock afterwards.
    private readonly AdjustableClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task An_incident_saved_on_its_page_raises_the_warning_through_the_handler_once_the_outbox_is_drained()
    {
        var (clientId, projectId) = await RegularClientAsync("Outbox Arrears Steel");
        var staff = await SignedInAsync("staff1a");

        using (var saved = await SaveIncidentAsync(staff, clientId, projectId))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The event was written with the incident, for the warning handler.
        var incidentId = await App.WithDbAsync(db => db.WorkerIncidents.Where(i => i.ClientId == clientId).Select(i => i.Id).SingleAsync());
        var message = Assert.Single(await MessagesAboutAsync(incidentId));
        Assert.Equal(nameof(IncidentRecorded), message.Type);
        Assert.Equal(["ClientWarningCheck"], message.Deliveries.Select(d => d.Handler));

        await App.DrainOutboxAsync();

        var delivery = Assert.Single((await MessagesAboutAsync(incidentId)).Single().Deliveries);
        Assert.Equal((_clock.GetUtcNow(), 0, null), (delivery.ProcessedAt, delivery.Attempts, delivery.LastError));
        var warningId = await WarningArrange.OpenWarningAsync(App, clientId, WarningRule.WageArrears);
        var column = (await staff.GetPageAsync($"/Clients/{clientId}")).QuerySelector($"#warning-column .warning-item[data-warning-id='{warningId}']");
        Assert.NotNull(column);
        // The engine's own notices of the warning it raised, as from a scheduled run.
        Assert.Contains("head1", await RecipientsAsync(warningId));
    }

    [Fact]
    public async Task A_save_that_fails_leaves_no_event_behind_and_one_that_succeeds_commits_its_event_with_it()
    {
        var (clientId, projectId) = await RegularClientAsync("Outbox Rollback Foods");
        var rate = await App.WithDbAsync(db => db.ExchangeRates.AsNoTracking().OrderBy(r => r.Id).FirstAsync());

        // One save: the incident, its event, and an exchange rate the database refuses (same currency and day as one it has).
        Guid refusedIncident;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var project = await db.CooperationProjects.SingleAsync(p => p.Id == projectId);
            refusedIncident = project.RecordIncident(Arrears(), App.Clock).Id;
            db.WorkerIncidents.Add(project.Incidents.Single(i => i.Id == refusedIncident));
            db.ExchangeRates.Add(new ExchangeRate(rate.Currency, rate.CnyPerUnit + 1, rate.EffectiveFrom, "leader", _clock.GetUtcNow()));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.False(await App.WithDbAsync(db => db.WorkerIncidents.AnyAsync(i => i.Id == refusedIncident)));
        Assert.Empty(await MessagesAboutAsync(refusedIncident));

        // The same save without the refused rate: the incident and its event are both there.
        Guid keptIncident;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var project = await db.CooperationProjects.SingleAsync(p => p.Id == projectId);
            keptIncident = project.RecordIncident(Arrears(), App.Clock).Id;
            db.WorkerIncidents.Add(project.Incidents.Single(i => i.Id == keptIncident));
            await db.SaveChangesAsync();
        }

        Assert.True(await App.WithDbAsync(db => db.WorkerIncidents.AnyAsync(i => i.Id == keptIncident)));
        var message = Assert.Single(await MessagesAboutAsync(keptIncident));
        Assert.Equal(clientId, ((IncidentRecorded)DomainEventHandlers.Deserialize(message.Payload, typeof(IncidentRecorded))).ClientId);
    }

    [Fact]
    public async Task A_save_returns_at_once_while_a_company_wide_run_holds_the_engine_lock_and_the_warning_follows_when_it_ends()
    {
        var (clientId, projectId) = await RegularClientAsync("Outbox Busy Engine Works");
        var staff = await SignedInAsync("staff1a");
        await staff.GetPageAsync($"/Clients/{clientId}/Projects/{projectId}/Incidents/Create");

        // A company-wide run in progress, as far as anyone waiting for the lock can tell.
        await using var run = new NpgsqlConnection(App.ConnectionString);
        await run.OpenAsync();
        await using var runTx = await run.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", run, runTx) { Parameters = { new("key", AdvisoryLocks.WarningEngine) } })
        {
            await take.ExecuteNonQueryAsync();
        }

        var took = Stopwatch.StartNew();
        var save = SaveIncidentAsync(staff, clientId, projectId);
        var first = await Task.WhenAny(save, Task.Delay(PromptSave));
        took.Stop();

        Assert.True(first == save, $"The save did not return within {took.Elapsed.TotalSeconds:0} s while the engine's lock was held.");
        using (var saved = await save)
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The handler is waiting its turn behind the run, so nothing is raised yet.
        Assert.Empty(await WarningArrange.WarningsAsync(App, clientId));

        await runTx.RollbackAsync();
        await App.DrainOutboxAsync();
        Assert.Equal(WarningRule.WageArrears, Assert.Single(await WarningArrange.WarningsAsync(App, clientId)).Rule);
    }

    private async Task<(Guid ClientId, Guid ProjectId)> RegularClientAsync(string name)
    {
        var id = await GradingArrange.RegularClientAsync(App, "staff1a", name);
        return (id, await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == id).Select(p => p.Id).FirstAsync()));
    }

    private Task<HttpResponseMessage> SaveIncidentAsync(CrmClient staff, Guid clientId, Guid projectId) =>
        staff.SubmitAsync($"/Clients/{clientId}/Projects/{projectId}/Incidents/Create", "#incident-form", new Dictionary<string, string?>
        {
            ["Input.Type"] = "WageArrears", ["Input.OccurredOn"] = App.Clock.Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.WorkersAffected"] = "5", ["Input.ArrearsAmount"] = "18000", ["Input.ArrearsCurrency"] = "CNY",
            ["Input.Description"] = "五名工人两个月工资未发放", ["Input.Status"] = "Open",
        });

    private IncidentDetails Arrears() => new()
    {
        Type = IncidentType.WageArrears, OccurredOn = App.Clock.Today.AddDays(-2), WorkersAffected = 2,
        ArrearsAmount = 3_000m, ArrearsCurrency = "CNY", Description = "Wages late on site 2",
    };

    /// <summary>The outbox messages whose event names <paramref name="id"/> (an incident or a warning), with their deliveries.</summary>
    private async Task<List<OutboxMessage>> MessagesAboutAsync(Guid id) =>
        (await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Include(m => m.Deliveries).ToListAsync()))
        .Where(m => m.Payload.Contains(id.ToString(), StringComparison.Ordinal))
        .ToList();

    private Task<List<string>> RecipientsAsync(Guid warningId) => App.WithDbAsync(db => db.Notifications
        .Where(n => n.SubjectId == warningId)
        .Join(db.Users, n => n.RecipientId, u => u.Id, (n, u) => u.UserName!)
        .ToListAsync());
}
