using System.Data.Common;
using System.Runtime.CompilerServices;
using ClientCrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Infrastructure.Outbox;

/// <summary>
/// Writes domain events into the outbox in the same transaction as the change they describe, so an event exists exactly when
/// its change was committed: at every save, the events of the tracked entities (<see cref="RecordsDomainEvents"/>), as an
/// interceptor; for entities written in bulk past the change tracker (the warning engine's COPY), when asked
/// (<see cref="CopyAsync"/>). Each event gets one delivery per handler that wants it; an event nobody handles is not written.
/// Once the commit is through, this instance's dispatcher is woken.
/// </summary>
public sealed class OutboxWriter(DomainEventHandlers handlers, TimeProvider clock, OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly AsyncLocal<bool> Dropping = new();
    private static readonly object Written = new();

    // Contexts that wrote messages in a transaction not yet committed. Weak: a context disposed uncommitted leaves nothing.
    private readonly ConditionalWeakTable<DbContext, object> _uncommitted = new();

    /// <summary>
    /// Saves inside this scope record a past, not a change anyone just made (the demo company, a test's arrangement): their
    /// events are dropped, so nothing follows from them.
    /// </summary>
    public static IDisposable DropEvents()
    {
        var before = Dropping.Value;
        Dropping.Value = true;
        return new Restore(before);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stage(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stage(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the events of entities saved past the change tracker, by binary COPY on <paramref name="context"/>'s connection and
    /// so in its open transaction. Returns the number of messages written.
    /// </summary>
    public async Task<int> CopyAsync(DbContext context, IEnumerable<IDomainEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        if (Dropping.Value)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var messages = events.Select(e => MessageFor(e, now)).OfType<OutboxMessage>().ToList();
        if (messages.Count == 0)
        {
            return 0;
        }

        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        await using (var writer = await connection.BeginBinaryImportAsync(
                         """COPY "OutboxMessages" ("Id", "Type", "Payload", "OccurredAt", "RecordedAt") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var m in messages)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(m.Type, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(m.Payload, NpgsqlDbType.Jsonb, ct);
                await writer.WriteAsync(m.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(m.RecordedAt, NpgsqlDbType.TimestampTz, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
                         """COPY "OutboxDeliveries" ("MessageId", "Handler", "Attempts", "NextAttemptAt") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var d in messages.SelectMany(m => m.Deliveries))
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(d.MessageId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(d.Handler, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(d.Attempts, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(d.NextAttemptAt, NpgsqlDbType.TimestampTz, ct);
            }

            await writer.CompleteAsync(ct);
        }

        MarkWritten(context);
        return messages.Count;
    }

    private void Stage(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var sources = context.ChangeTracker.Entries<RecordsDomainEvents>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        if (sources.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var wrote = false;
        foreach (var source in sources)
        {
            if (!Dropping.Value)
            {
                foreach (var message in source.DomainEvents.Select(e => MessageFor(e, now)).OfType<OutboxMessage>())
                {
                    context.Add(message);
                    wrote = true;
                }
            }

            // Taken once: a later save of the same context (or a retry after a failed one) must not write them again.
            source.ClearDomainEvents();
        }

        if (wrote)
        {
            _uncommitted.AddOrUpdate(context, Written);
        }
    }

    private OutboxMessage? MessageFor(IDomainEvent domainEvent, DateTimeOffset now)
    {
        var subscriptions = handlers.For(domainEvent.GetType());
        if (subscriptions.Count == 0)
        {
            return null;
        }

        var message = new OutboxMessage(Guid.CreateVersion7(now), domainEvent.GetType().Name, DomainEventHandlers.Serialize(domainEvent),
            domainEvent.OccurredAt, now);
        foreach (var subscription in subscriptions)
        {
            message.DeliverTo(subscription.Handler);
        }

        return message;
    }

    private void MarkWritten(DbContext context)
    {
        if (context.Database.CurrentTransaction is null)
        {
            signal.Wake();
        }
        else
        {
            _uncommitted.AddOrUpdate(context, Written);
        }
    }

    private void AfterSave(DbContext? context)
    {
        // Without a transaction of the caller's, SaveChanges has committed by now.
        if (context?.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.Remove(context))
        {
            signal.Wake();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _uncommitted.Remove(context);
        }
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => Dropping.Value = before;
    }
}
