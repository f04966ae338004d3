using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>
/// The clients in a user's scope by status: the start page's figures, and the total of the client list when it is not
/// filtered (or only by status). Each status is counted up to <see cref="StatusCap"/>, one range of the status index, so a
/// recount reads at most five such ranges however large the company (a GROUP BY over 1,000,000 clients held a core for
/// 1.4 s every minute, docs/performance.md); the figures are kept briefly (<see cref="ScopeSummaries"/>).
/// </summary>
public static class ClientTallies
{
    /// <summary>Counted exactly up to here; more shows as "100,000+".</summary>
    public const int StatusCap = 100_000;

    public static Task<Snapshot<IReadOnlyList<(ClientStatus Status, Tally Count)>>> ByStatusAsync(CrmDbContext db, AccessScope scope,
        ScopeSummaries summaries, CancellationToken ct) => ByStatusAsync(db, scope, summaries, StatusCap, ct);

    internal static Task<Snapshot<IReadOnlyList<(ClientStatus Status, Tally Count)>>> ByStatusAsync(CrmDbContext db, AccessScope scope,
        ScopeSummaries summaries, int cap, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summaries);
        return summaries.GetAsync<IReadOnlyList<(ClientStatus Status, Tally Count)>>($"clients-by-status:{cap}", scope, async token =>
        {
            var counts = new List<(ClientStatus, Tally)>();
            foreach (var status in Enum.GetValues<ClientStatus>())
            {
                counts.Add((status, await db.Clients.AsNoTracking().Where(c => c.Status == status).TallyAsync(token, cap)));
            }

            return counts;
        }, ct);
    }

    /// <summary>The clients of the given status, or of every status: "100,000+" once one of them reached the cap.</summary>
    public static Tally Total(IEnumerable<(ClientStatus Status, Tally Count)> byStatus, ClientStatus? status = null)
    {
        var counted = byStatus.Where(s => status is null || s.Status == status).Select(s => s.Count).ToList();
        return new Tally(counted.Sum(t => t.Count), counted.Any(t => t.AtLeast));
    }
}
