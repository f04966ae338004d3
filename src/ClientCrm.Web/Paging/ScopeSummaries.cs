using System.Collections.Concurrent;
using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Clients;

namespace ClientCrm.Web.Paging;

/// <summary>A summary as computed at <see cref="At"/>.</summary>
public sealed record Snapshot<T>(T Value, DateTimeOffset At);

/// <summary>
/// Summaries over a whole scope (clients by status, the class report, open warnings) read every row of it: for a leader,
/// all of them. They are kept per scope and computed again
/// <list type="bullet">
/// <item>at once, by the request that finds them, after this instance changed what they count (<see cref="SummaryVersion"/>),
/// so a user sees their own change immediately;</item>
/// <item>once <see cref="Lifetime"/> has passed (other instances' changes), by one request while the others keep getting the
/// kept figures, so a busy page never waits for a recount it does not itself make.</item>
/// </list>
/// Pages show when their figures were taken (<see cref="Snapshot{T}.At"/>).
/// </summary>
public sealed class ScopeSummaries(SummaryVersion version, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Name, ScopeFilterKey Scope), Entry> _entries = new();

    public async Task<Snapshot<T>> GetAsync<T>(string name, AccessScope scope, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        var key = (name, scope.FilterKey);
        var current = version.Current;
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        if (entry.Value is Kept<T> kept && kept.Version == current)
        {
            // Past its lifetime, one request recounts; meanwhile the others are served what is kept.
            if (clock.GetUtcNow() - kept.Snapshot.At < Lifetime || !entry.TryStartRefresh())
            {
                return kept.Snapshot;
            }

            return await RefreshAsync(entry, compute, current, ct);
        }

        // Nothing kept, or kept before this instance changed the data: every request waits for one recount.
        Task<Snapshot<T>> recount;
        var mine = false;
        lock (entry)
        {
            if (entry.Pending is Pending<T> pending && pending.Version == current)
            {
                recount = pending.Task;
            }
            else
            {
                recount = ComputeAsync(entry, compute, current);
                entry.Pending = new Pending<T>(current, recount);
                mine = true;
            }
        }

        // The recount runs on the starting request's database context, so that request waits for it to the end whatever
        // happens to its client; the others may give up waiting.
        return mine ? await recount : await recount.WaitAsync(ct);
    }

    private async Task<Snapshot<T>> RefreshAsync<T>(Entry entry, Func<CancellationToken, Task<T>> compute, long current, CancellationToken ct)
    {
        try
        {
            var snapshot = new Snapshot<T>(await compute(ct), clock.GetUtcNow());
            entry.Value = new Kept<T>(current, snapshot);
            return snapshot;
        }
        finally
        {
            entry.EndRefresh();
        }
    }

    private async Task<Snapshot<T>> ComputeAsync<T>(Entry entry, Func<CancellationToken, Task<T>> compute, long current)
    {
        try
        {
            // Not the first caller's cancellation: others await the same count.
            var snapshot = new Snapshot<T>(await compute(CancellationToken.None), clock.GetUtcNow());
            entry.Value = new Kept<T>(current, snapshot);
            return snapshot;
        }
        catch
        {
            // A failed count is not kept: the next request tries again.
            lock (entry)
            {
                entry.Pending = null;
            }

            throw;
        }
    }

    private sealed class Entry
    {
        private int _refreshing;

        public object? Value { get; set; }

        public object? Pending { get; set; }

        public bool TryStartRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

        public void EndRefresh() => Volatile.Write(ref _refreshing, 0);
    }

    private sealed record Kept<T>(long Version, Snapshot<T> Snapshot);

    private sealed record Pending<T>(long Version, Task<Snapshot<T>> Task);
}
