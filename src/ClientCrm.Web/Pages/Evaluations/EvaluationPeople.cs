using System.Security.Claims;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Grading;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>Who the signed-in person is to a client's workflow item (<see cref="WorkflowParties.Of"/>): owner, head, leader.</summary>
public static class WorkflowPeople
{
    /// <summary>
    /// The person as a party to an item of the client owned by <paramref name="ownerId"/> in <paramref name="departmentId"/>.
    /// A department whose heads are all disabled (or that has none) has its heads' steps taken by the leaders.
    /// </summary>
    public static async Task<WorkflowActor> ActorAsync(CrmDbContext db, ICurrentActor actor, ClaimsPrincipal user, string ownerId, int departmentId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hasHead = await db.InRole(Roles.DepartmentHead).AnyAsync(u => u.DepartmentId == departmentId, ct);
        return Actor(actor, user, ownerId, departmentId, hasHead);
    }

    /// <summary>
    /// <see cref="ActorAsync"/> for a client read with <see cref="EvaluationClient.ReadAsync"/>, which asks whether its
    /// department has a head in the same statement: one round trip less on every workflow page.
    /// </summary>
    public static WorkflowActor Actor(ICurrentActor actor, ClaimsPrincipal user, EvaluationClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Actor(actor, user, client.OwnerId, client.DepartmentId, client.DepartmentHasHead);
    }

    private static WorkflowActor Actor(ICurrentActor actor, ClaimsPrincipal user, string ownerId, int departmentId, bool hasHead)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var who = GradingPeople.Decider(actor, user);
        var scope = actor.Scope;
        var parties = WorkflowParties.Of(scope.IsLeader, scope.IsDepartmentHead && scope.DepartmentId == departmentId,
            ownerId == actor.UserId, hasHead);
        return new WorkflowActor(who.UserId, who.Name, parties);
    }
}
