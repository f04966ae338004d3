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
        ArgumentNullException.ThrowIfNull(actor);
        var who = GradingPeople.Decider(actor, user);
        var scope = actor.Scope;
        var hasHead = await db.InRole(Roles.DepartmentHead).AnyAsync(u => u.DepartmentId == departmentId, ct);
        var parties = WorkflowParties.Of(scope.IsLeader, scope.IsDepartmentHead && scope.DepartmentId == departmentId,
            ownerId == actor.UserId, hasHead);
        return new WorkflowActor(who.UserId, who.Name, parties);
    }
}
