using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Evaluations;

/// <summary>What the business gate (<see cref="BusinessGate"/>) reads of a client, in one indexed statement.</summary>
public static class GateFactsQuery
{
    /// <summary>The client's gate facts through the caller's scope; null when the client is not in it.</summary>
    public static async Task<GateFacts?> ReadAsync(CrmDbContext db, Guid clientId, BusinessClock clock, CancellationToken ct) =>
        (await ReadWithSettingsAsync(db, clientId, clock, ct))?.Facts;

    /// <summary>The conditions the client does not meet yet; null when the client is not in scope.</summary>
    public static async Task<IReadOnlyList<GateCondition>?> MissingAsync(CrmDbContext db, Guid clientId, BusinessClock clock, CancellationToken ct) =>
        await ReadWithSettingsAsync(db, clientId, clock, ct) is { } read ? BusinessGate.Missing(read.Facts, read.Settings) : null;

    private static async Task<(GateFacts Facts, EvaluationSettings Settings)?> ReadWithSettingsAsync(CrmDbContext db, Guid clientId,
        BusinessClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        // One statement rather than four: the gate is read on every view of a contract review and of an evaluation panel.
        // A client has a handful of status changes since its approval and at most a few required documents, so their
        // product is a few rows. The nested sets go through the scope filters as the client does; the settings are the
        // company's one row, read with them so that a change applies to the next view.
        var client = await db.Clients.Where(c => c.Id == clientId)
            .Select(c => new
            {
                c.Status,
                c.EvaluationApprovedAt,
                Changes = db.ClientStatusChanges
                    .Where(s => s.ClientId == c.Id && c.EvaluationApprovedAt != null && s.ChangedAt >= c.EvaluationApprovedAt)
                    .Select(s => new { s.ToStatus, s.ChangedAt }).ToList(),
                Documents = db.ClientDocuments.Where(d => d.ClientId == c.Id).Where(DossierStanding.Counted)
                    .Select(d => new DocumentStanding(d.Type, d.ValidUntil, false)).ToList(),
                // Written out, not selected through a stored expression: EF does not translate a Select over a stored
                // expression here, and ran it apart, synchronously, on every read (under load that held thread-pool threads
                // until the connection pool ran dry, docs/performance.md).
                StepDueDays = db.WorkflowSettings.Select(s => s.EvaluationStepDueDays).First(),
                PauseDays = db.WorkflowSettings.Select(s => s.PauseNeedsNewEvaluationDays).First(),
            })
            .AsSingleQuery()
            .FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return null;
        }

        var changes = client.Changes.Select(s => (s.ToStatus, s.ChangedAt)).ToList();
        var missing = DossierCompleteness.Missing(client.Documents, clock.Today);
        return (new GateFacts(client.Status, missing, client.EvaluationApprovedAt, changes, now),
            new EvaluationSettings { StepDueDays = client.StepDueDays, PauseNeedsNewEvaluationDays = client.PauseDays });
    }
}
