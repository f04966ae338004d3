using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Clients;
using Microsoft.Extensions.Caching.Memory;

namespace ClientCrm.Web.Paging;

/// <summary>A summary as computed at <see cref="At"/>.</summary>
public sealed record Snapshot<T>(T Value, DateTimeOffset At);

/// <summary>
/// Summaries over a whole scope (clients by status, the class report) read every client of it: for a leader, all of
/// them. They are kept per scope for <see cref="Lifetime"/>, and computed again at once after this instance changes
/// client data (<see cref="ClientDataVersion"/>), so a user sees their own change immediately and a page shows when its
/// figures were taken.
/// </summary>
public sealed class ScopeSummaries(IMemoryCache cache, ClientDataVersion version, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<Snapshot<T>> GetAsync<T>(string name, AccessScope scope, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        var key = (name, scope.Level, scope.DepartmentId, scope.Level == ScopeLevel.Own ? scope.UserId : null, version.Current);
        if (cache.TryGetValue(key, out Snapshot<T>? hit) && hit is not null)
        {
            return hit;
        }

        var snapshot = new Snapshot<T>(await compute(ct), clock.GetUtcNow());
        cache.Set(key, snapshot, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return snapshot;
    }
}
