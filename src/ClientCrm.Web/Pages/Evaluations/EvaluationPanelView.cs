using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Evaluations;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>
/// What the client page's gate panel reads: the latest round of the evaluation, the gate's missing conditions, and whether
/// the client's department has an enabled head. Kept with the client page's other reads (<see cref="Paging.KeptReads"/>),
/// so the panel adds no query to a page opened again; who may press which button is decided per person from it.
/// </summary>
public sealed record EvaluationPanelReads(EvaluationRound? Latest, IReadOnlyList<GateCondition> Missing, bool DepartmentHasHead)
{
    public static async Task<EvaluationPanelReads> ReadAsync(CrmDbContext db, Guid clientId, int departmentId, Domain.Common.BusinessClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.ClientEvaluations.AsNoTracking().Where(e => e.ClientId == clientId).OrderByDescending(e => e.Round)
            .Select(e => new EvaluationRound(e.Id, e.Round, e.State, e.DecidedAt, e.DecidedByName))
            .FirstOrDefaultAsync(ct);
        var missing = await GateFactsQuery.MissingAsync(db, clientId, clock, ct) ?? [];
        var hasHead = await db.InRole(Roles.DepartmentHead).AnyAsync(u => u.DepartmentId == departmentId, ct);
        return new EvaluationPanelReads(latest, missing, hasHead);
    }
}

/// <summary>
/// The client page's panel of the business gate (SPEC §5.2): the registration (complete with a valid business license and
/// credit certificate among the dossier documents), the latest round
/// of the evaluation, what is still missing before new business, and the buttons this person may use.
/// </summary>
public sealed record EvaluationPanelView(Guid ClientId, Client Client, EvaluationRound? Latest, bool AnyOpen, IReadOnlyList<GateCondition> Missing,
    bool MayStart)
{
    public static EvaluationPanelView Compose(Client client, EvaluationPanelReads reads, AccessScope scope, string? userId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(scope);
        var who = WorkflowParties.Of(scope.IsLeader, scope.IsDepartmentHead && scope.DepartmentId == client.DepartmentId, client.OwnerId == userId,
            reads.DepartmentHasHead);
        var latest = reads.Latest;
        var open = latest is not null && ClientEvaluation.Flow.IsOpen(latest.State);
        // A first evaluation, a revision of a rejected one, or a new one for a client paused too long since its approval.
        var needsOne = latest is null || latest.State == EvaluationState.Rejected || reads.Missing.Contains(GateCondition.EvaluationCurrent);
        return new EvaluationPanelView(client.Id, client, latest, open, reads.Missing,
            MayStart: !open && needsOne && (who & ClientEvaluation.StartedBy) != 0 && client.Status != ClientStatus.Terminated);
    }
}
