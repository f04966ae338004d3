using ClientCrm.Domain.Evaluations;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Evaluations;

/// <summary>What the business gate (<see cref="BusinessGate"/>) reads of a client, in two small indexed queries.</summary>
public static class GateFactsQuery
{
    /// <summary>The client's gate facts through the caller's scope; null when the client is not in it.</summary>
    public static async Task<GateFacts?> ReadAsync(CrmDbContext db, Guid clientId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var client = await db.Clients.Where(c => c.Id == clientId)
            .Select(c => new { c.Status, Checked = c.RegistrationCheckedAt != null, Confirmed = c.RegistrationConfirmedAt != null, c.EvaluationApprovedAt })
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

        return new GateFacts(client.Status, client.Checked, client.Confirmed, client.EvaluationApprovedAt, changes, now);
    }

    /// <summary>The conditions the client does not meet yet; null when the client is not in scope.</summary>
    public static async Task<IReadOnlyList<GateCondition>?> MissingAsync(CrmDbContext db, Guid clientId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = await ReadAsync(db, clientId, now, ct);
        if (facts is null)
        {
            return null;
        }

        var settings = await db.WorkflowSettings.AsNoTracking().SingleAsync(ct);
        return BusinessGate.Missing(facts, settings.Evaluation);
    }
}
