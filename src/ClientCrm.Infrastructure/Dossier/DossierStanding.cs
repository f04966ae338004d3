using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Dossier;

/// <summary>What the completeness rule (<see cref="DossierCompleteness"/>) reads of one client's documents, through the caller's scope.</summary>
public static class DossierStanding
{
    /// <summary>The standing of the client's current documents of the required types (archived ones never count).</summary>
    public static async Task<IReadOnlyList<DocumentStanding>> ReadAsync(CrmDbContext db, Guid clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var required = DossierCompleteness.Required.ToArray();
        return await db.ClientDocuments.AsNoTracking()
            .Where(d => d.ClientId == clientId && d.ArchivedAt == null && required.Contains(d.Type))
            .Select(d => new DocumentStanding(d.Type, d.ValidUntil, false))
            .ToListAsync(ct);
    }

    /// <summary>The required documents the client lacks on <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<DocumentType>> MissingAsync(CrmDbContext db, Guid clientId, DateOnly today, CancellationToken ct) =>
        DossierCompleteness.Missing(await ReadAsync(db, clientId, ct), today);
}
