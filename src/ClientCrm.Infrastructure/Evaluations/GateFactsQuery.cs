using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Evaluations;

/// <summary>What the business gate (<see cref="BusinessGate"/>) reads of a client, in three small indexed queries.</summary>
public static class GateFactsQuery
{
    /// <summary>The client's gate facts through the caller's scope; null when the client is not in it.</summary>
    public static async Task<GateFacts?> ReadAsync(CrmDbContext db, Guid clientId, BusinessClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        var client = await db.Clients.Where(c => c.Id == clientId)
            .Select(c => new { c.Status, c.EvaluationApprovedAt })
            .FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return null;
        }

        IReadOnlyList<(Domain.Clients.ClientStatus, DateTimeOffset)> changes = [];
        if (client.EvaluationApprovedAt is { } approvedAt)
        {
            changes = (await db.ClientStatusChanges.Where(s => s.ClientId == clientId && s.ChangedAt >= approvedAt)
                    .Select(s => new { s.ToStatus, s.ChangedAt }).ToListAsync(ct))
                .Select(s => (s.ToStatus, s.ChangedAt)).ToList();
        }

        var missing = await DossierStanding.MissingAsync(db, clientId, clock.Today, ct);
        return new GateFacts(client.Status, missing, client.EvaluationApprovedAt, changes, now);
    }

    /// <summary>The conditions the client does not meet yet; null when the client is not in scope.</summary>
    public static async Task<IReadOnlyList<GateCondition>?> MissingAsync(CrmDbContext db, Guid clientId, BusinessClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = await ReadAsync(db, clientId, clock, ct);
        if (facts is null)
        {
            return null;
        }

        var settings = await db.WorkflowSettings.AsNoTracking().SingleAsync(ct);
        return BusinessGate.Missing(facts, settings.Evaluation);
    }
}
