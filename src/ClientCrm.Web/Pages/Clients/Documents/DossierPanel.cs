using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>
/// The client page's small panel of the dossier (档案资料): how many documents are current and archived, how many current
/// ones have expired, and whether the registration is complete (<see cref="DossierCompleteness"/>). One grouped read of the
/// client's documents (its index on ClientId), kept with the page's other reads.
/// </summary>
public sealed record DossierPanel(Guid ClientId, int Current, int Archived, int Expired, IReadOnlyList<DocumentType> Missing)
{
    public static async Task<DossierPanel> ReadAsync(CrmDbContext db, Guid clientId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var documents = await db.ClientDocuments.AsNoTracking().Where(d => d.ClientId == clientId)
            .GroupBy(d => new { d.Type, d.ValidUntil, Archived = d.ArchivedAt != null })
            .Select(g => new { g.Key.Type, g.Key.ValidUntil, g.Key.Archived, Count = g.Count() })
            .ToListAsync(ct);
        var current = documents.Where(d => !d.Archived).ToList();
        return new DossierPanel(clientId, current.Sum(d => d.Count), documents.Where(d => d.Archived).Sum(d => d.Count),
            current.Where(d => d.ValidUntil < today).Sum(d => d.Count),
            DossierCompleteness.Missing(current.Select(d => new DocumentStanding(d.Type, d.ValidUntil, false)), today));
    }
}
