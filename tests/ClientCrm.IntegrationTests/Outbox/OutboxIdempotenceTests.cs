using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Outbox;

/// <summary>
/// A message is handled once by each handler, however often dispatch runs and however many dispatchers run at once; and the
/// warnings the engine raises in bulk reach the outbox too, for the workflows that will start from them.
/// </summary>
public sealed class OutboxIdempotenceTests(PostgresFixture postgres) : AppTest(postgres)
{
    private readonly AdjustableClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly HandlerLog _log = new();

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton(_log)
            .AddDomainEventHandler<PingCounter>()
            .AddDomainEventHandler<RaisedWarningListener>());

    [Fact]
    public async Task Two_dispatchers_at_once_hand_a_message_to_its_handler_once_and_later_dispatches_leave_it_alone()
    {
        var ping = new Pinged(Guid.NewGuid(), _clock.GetUtcNow());
        await WriteAsync(ping);
        var dispatcher = App.Services.GetRequiredService<OutboxDispatcher>();

        // One runner (the app's own, woken by the commit, or this one) takes the delivery and is held inside the handler.
        var first = Task.Run(() => dispatcher.DispatchDueAsync(CancellationToken.None));
        await _log.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // A second runner meanwhile finds nothing it may take, and returns without waiting for the first.
        Assert.Equal(0, await dispatcher.DispatchDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.True(await dispatcher.AnyDueAsync(CancellationToken.None), "The held delivery should still be pending.");
        Assert.Equal(1, _log.Pings[ping.PingId]);

        _log.Release.SetResult();
        await first;
        await App.DrainOutboxAsync();
        Assert.Equal(0, await dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(1, _log.Pings[ping.PingId]);
        var delivery = await App.WithDbAsync(db => db.OutboxDeliveries.AsNoTracking().SingleAsync(d => d.Handler == nameof(PingCounter)));
        Assert.Equal((_clock.GetUtcNow(), 0), (delivery.ProcessedAt, delivery.Attempts));
    }

    [Fact]
    public async Task Many_dispatchers_started_together_handle_each_of_many_messages_exactly_once()
    {
        _log.Release.SetResult();
        var pings = Enumerable.Range(0, 40).Select(_ => new Pinged(Guid.NewGuid(), _clock.GetUtcNow())).ToList();
        await WriteAsync([.. pings]);
        var dispatcher = App.Services.GetRequiredService<OutboxDispatcher>();

        var attempted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => dispatcher.DispatchDueAsync(CancellationToken.None))));
        await App.DrainOutboxAsync();

        Assert.All(pings, p => Assert.Equal(1, _log.Pings[p.PingId]));
        Assert.Equal(pings.Count, _log.Pings.Count);
        // The app's own dispatcher may have taken some; together they attempted no delivery twice.
        Assert.True(attempted.Sum() <= pings.Count, $"The dispatchers attempted {attempted.Sum()} deliveries for {pings.Count} messages.");
        Assert.Equal(pings.Count, await App.WithDbAsync(db => db.OutboxDeliveries.CountAsync(d => d.Handler == nameof(PingCounter) && d.ProcessedAt != null)));
    }

    [Fact]
    public async Task A_warning_the_engine_raises_in_bulk_reaches_its_handlers_through_the_outbox()
    {
        var clientId = await GradingArrange.RegularClientAsync(App, "staff1a", "Bulk Raised Arrears Co");
        await WarningArrange.IncidentAsync(App, clientId, IncidentType.WageArrears, daysAgo: 4, workers: 6);

        await WarningArrange.RunEngineAsync(App);
        await App.DrainOutboxAsync();

        var warningId = await WarningArrange.OpenWarningAsync(App, clientId, WarningRule.WageArrears);
        var raised = Assert.Single(_log.Raised, r => r.ClientId == clientId);
        Assert.Equal((warningId, WarningRule.WageArrears, WarningSeverity.High, _clock.GetUtcNow()), (raised.WarningId, raised.Rule, raised.Severity, raised.OccurredAt));

        // A run that raises nothing new writes nothing to the outbox.
        var messages = await App.WithDbAsync(db => db.OutboxMessages.CountAsync());
        await WarningArrange.RunEngineAsync(App);
        Assert.Equal(messages, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    /// <summary>Writes events into the outbox as a save would: in a transaction, which wakes the app's dispatcher when it commits.</summary>
    private async Task WriteAsync(params Pinged[] pings)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.Equal(pings.Length, await scope.ServiceProvider.GetRequiredService<OutboxWriter>().CopyAsync(db, pings, CancellationToken.None));
        await tx.CommitAsync();
    }
}
