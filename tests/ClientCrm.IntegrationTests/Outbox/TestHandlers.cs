using System.Collections.Concurrent;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Outbox;

namespace ClientCrm.IntegrationTests.Outbox;

/// <summary>An event no entity records: tests write it into the outbox themselves (<see cref="OutboxWriter.CopyAsync"/>).</summary>
public sealed record Pinged(Guid PingId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>What the test handlers saw, shared between the test and the handlers the app resolves per delivery.</summary>
public sealed class HandlerLog
{
    public ConcurrentDictionary<Guid, int> Pings { get; } = new();
    private int _flakyCalls;
    private int _flakyFails = 1;

    public ConcurrentQueue<WarningRaised> Raised { get; } = new();

    public int FlakyCalls => Volatile.Read(ref _flakyCalls);

    /// <summary>While set, the flaky handler throws.</summary>
    public bool FlakyFails
    {
        get => Volatile.Read(ref _flakyFails) == 1;
        set => Volatile.Write(ref _flakyFails, value ? 1 : 0);
    }

    public void CountFlakyCall() => Interlocked.Increment(ref _flakyCalls);

    /// <summary>Completed when a ping handler is inside its handler; the handler then waits for <see cref="Release"/>.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Counts each ping it handles, and holds the first one until the test lets it go.</summary>
public sealed class PingCounter(HandlerLog log) : IDomainEventHandler<Pinged>
{
    public async Task HandleAsync(Pinged domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        log.Pings.AddOrUpdate(domainEvent.PingId, 1, (_, n) => n + 1);
        log.Entered.TrySetResult();
        await log.Release.Task.WaitAsync(ct);
    }
}

/// <summary>Fails while the test says so; the warning handler of the same incident is not affected.</summary>
public sealed class FlakyIncidentHandler(HandlerLog log) : IDomainEventHandler<IncidentRecorded>
{
    public Task HandleAsync(IncidentRecorded domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        log.CountFlakyCall();
        return log.FlakyFails
            ? throw new InvalidOperationException($"The partner system is unreachable (incident {domainEvent.IncidentId})")
            : Task.CompletedTask;
    }
}

/// <summary>Stands for a later workflow that starts from a rule warning (an accountability case, say).</summary>
public sealed class RaisedWarningListener(HandlerLog log) : IDomainEventHandler<WarningRaised>
{
    public Task HandleAsync(WarningRaised domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        log.Raised.Enqueue(domainEvent);
        return Task.CompletedTask;
    }
}
