using System.Security.Claims;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Evaluations;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>
/// The client page's panel of the business gate (SPEC §5.2): the registration check and its confirmation, the latest round
/// of the evaluation, what is still missing before new business, and the buttons this person may use.
/// </summary>
public sealed record EvaluationPanelView(Guid ClientId, Client Client, EvaluationRound? Latest, bool AnyOpen, IReadOnlyList<GateCondition> Missing,
    bool MayCheck, bool MayConfirm, bool MayStart)
{
    public static async Task<EvaluationPanelView> LoadAsync(CrmDbContext db, ICurrentActor actor, ClaimsPrincipal user, Client client, DateTimeOffset now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        var latest = await db.ClientEvaluations.AsNoTracking().Where(e => e.ClientId == client.Id).OrderByDescending(e => e.Round)
            .Select(e => new EvaluationRound(e.Id, e.Round, e.State, e.DecidedAt, e.DecidedByName))
            .FirstOrDefaultAsync(ct);
        var who = await WorkflowPeople.ActorAsync(db, actor, user, client.OwnerId, client.DepartmentId, ct);
        var missing = await GateFactsQuery.MissingAsync(db, client.Id, now, ct) ?? [];
        var open = latest is not null && ClientEvaluation.Flow.IsOpen(latest.State);
        // A first evaluation, a revision of a rejected one, or a new one for a client paused too long since its approval.
        var needsOne = latest is null || latest.State == EvaluationState.Rejected || missing.Contains(GateCondition.EvaluationCurrent);
        return new EvaluationPanelView(client.Id, client, latest, open, missing,
            MayCheck: (who.Is & (Parties.Owner | Parties.DepartmentHead)) != 0,
            MayConfirm: who.Is.HasFlag(Parties.DepartmentHead) && client.RegistrationCheckedAt is not null && client.RegistrationConfirmedAt is null,
            MayStart: !open && needsOne && (who.Is & ClientEvaluation.StartedBy) != 0 && client.Status != ClientStatus.Terminated);
    }
}
