using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>
/// The clients in a user's scope by status: the start page's figures, and the exact total of the client list when it is
/// not filtered (or only by status). Counting a whole scope reads every client in it, so the figures are kept briefly
/// (<see cref="ScopeSummaries"/>); other filters get a capped count instead (<see cref="TallyQueries"/>).
/// </summary>
public static class ClientTallies
{
    public static Task<Snapshot<IReadOnlyList<(ClientStatus Status, int Count)>>> ByStatusAsync(CrmDbContext db, AccessScope scope,
        ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summaries);
        return summaries.GetAsync<IReadOnlyList<(ClientStatus Status, int Count)>>("clients-by-status", scope, async token =>
        {
            var counts = await db.Clients.AsNoTracking().GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(token);
            return Enum.GetValues<ClientStatus>().Select(s => (s, counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0)).ToList();
        }, ct);
    }
}
