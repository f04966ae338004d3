using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientCrm.Infrastructure.Outbox;

/// <summary>
/// Hands the outbox's due deliveries to their handlers. <see cref="DispatchDueAsync"/> is the whole job and can be called by
/// anything (the background service, a scheduler, a test), on any number of instances at once: each delivery is taken under a
/// row lock that other runners skip, and is marked processed in the same transaction as the handler's own writes. A handler
/// that throws is rolled back, and its delivery is kept with the error and tried again after a wait that doubles each time.
/// </summary>
/// <remarks>
/// Never call it inside a web request: a handler must act as the system, and a request's DI scope acts as its user.
/// </remarks>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, DomainEventHandlers handlers, OutboxSignal signal, TimeProvider clock,
    ILogger<OutboxDispatcher> log)
{
    /// <summary>Processed messages stay this long for anyone investigating what followed a change, then go.</summary>
    public static readonly TimeSpan KeepProcessedFor = TimeSpan.FromDays(7);

    private const string BeforeHandler = "before_handler";

    /// <summary>
    /// Handles every delivery due now, one at a time, until none is left that another runner is not already holding; deliveries
    /// that a handler's writes make due are handled in the same call. Returns the number of deliveries attempted.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var attempted = 0;
        while (await DeliverNextAsync(ct))
        {
            attempted++;
        }

        return attempted;
    }

    /// <summary>Whether any delivery is due now, including those another runner is working on.</summary>
    public async Task<bool> AnyDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var now = clock.GetUtcNow();
        return await db.OutboxDeliveries.AnyAsync(d => d.ProcessedAt == null && d.NextAttemptAt <= now, ct);
    }

    /// <summary>An admin's retry: the delivery is due at once, and this instance's dispatcher is woken. False when it is no longer pending.</summary>
    public async Task<bool> RetryNowAsync(CrmDbContext db, Guid messageId, string handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var delivery = await db.OutboxDeliveries.SingleOrDefaultAsync(d => d.MessageId == messageId && d.Handler == handler && d.ProcessedAt == null, ct);
        if (delivery is null)
        {
            return false;
        }

        delivery.RetryNow(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return true;
    }

    /// <summary>Deletes messages every handler has processed that are older than <see cref="KeepProcessedFor"/>, 5,000 at a time.</summary>
    public async Task<int> PurgeProcessedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await db.Database.ExecuteSqlRawAsync(
            """
            DELETE FROM "OutboxMessages" WHERE "Id" IN (
                SELECT m."Id" FROM "OutboxMessages" AS m
                WHERE m."RecordedAt" < @cutoff
                  AND NOT EXISTS (SELECT 1 FROM "OutboxDeliveries" AS d WHERE d."MessageId" = m."Id" AND d."ProcessedAt" IS NULL)
                LIMIT 5000)
            """,
            [new NpgsqlParameter("cutoff", clock.GetUtcNow() - KeepProcessedFor)], ct);
    }

    private async Task<bool> DeliverNextAsync(CancellationToken ct)
    {
        // A scope per delivery: the handler gets a fresh context, and a failure leaves nothing tracked for the next one.
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CrmDbContext>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locked until this transaction ends: another runner skips it instead of handling it a second time, and once this one
        // commits, the delivery no longer matches.
        var delivery = (await db.OutboxDeliveries.FromSql(
                $"""
                SELECT * FROM "OutboxDeliveries"
                WHERE "ProcessedAt" IS NULL AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt", "MessageId", "Handler"
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct)).SingleOrDefault();
        if (delivery is null)
        {
            return false;
        }

        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == delivery.MessageId, ct);
        await tx.CreateSavepointAsync(BeforeHandler, ct);
        try
        {
            var subscription = handlers.Find(message.Type, delivery.Handler)
                ?? throw new InvalidOperationException($"This version of the app has no handler {delivery.Handler} for {message.Type}.");
            await subscription.InvokeAsync(services, DomainEventHandlers.Deserialize(message.Payload, subscription.EventType), ct);
            delivery.Processed(clock.GetUtcNow());
            // Also saves whatever the handler left unsaved in the scope's context.
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Nothing the handler wrote survives; the delivery keeps its lock and records the failure instead.
            await tx.RollbackToSavepointAsync(BeforeHandler, ct);
            db.ChangeTracker.Clear();
            db.Attach(delivery);
            delivery.Failed($"{ex.GetType().Name}: {ex.Message}", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            LogHandlerFailed(log, delivery.Handler, message.Type, message.Id, delivery.Attempts, delivery.NextAttemptAt, ex);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox handler {Handler} failed on {MessageType} {MessageId} (failure {Attempts}); it is tried again at {NextAttemptAt:O}")]
    private static partial void LogHandlerFailed(ILogger logger, string handler, string messageType, Guid messageId, int attempts,
        DateTimeOffset nextAttemptAt, Exception exception);
}
