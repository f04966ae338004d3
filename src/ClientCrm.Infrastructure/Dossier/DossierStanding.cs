using System.Linq.Expressions;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Dossier;

/// <summary>What the completeness rule (<see cref="DossierCompleteness"/>) reads of one client's documents, through the caller's scope.</summary>
public static class DossierStanding
{
    private static readonly DocumentType[] RequiredTypes = [.. DossierCompleteness.Required];

    /// <summary>
    /// The documents the rule reads: current ones of the required types (archived ones never count). An expression, so a
    /// query that reads more of the client in the same statement (<see cref="Evaluations.GateFactsQuery"/>) uses it too.
    /// </summary>
    public static readonly Expression<Func<ClientDocument, bool>> Counted = d => d.ArchivedAt == null && RequiredTypes.Contains(d.Type);

    /// <summary>The standing of the client's documents the rule reads.</summary>
    public static async Task<IReadOnlyList<DocumentStanding>> ReadAsync(CrmDbContext db, Guid clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ClientDocuments.AsNoTracking()
            .Where(d => d.ClientId == clientId).Where(Counted)
            .Select(d => new DocumentStanding(d.Type, d.ValidUntil, false))
            .ToListAsync(ct);
    }

    /// <summary>The required documents the client lacks on <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<DocumentType>> MissingAsync(CrmDbContext db, Guid clientId, DateOnly today, CancellationToken ct) =>
        DossierCompleteness.Missing(await ReadAsync(db, clientId, ct), today);
}
