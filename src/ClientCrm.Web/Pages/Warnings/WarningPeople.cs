using System.Security.Claims;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Web.Security;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>The signed-in user as the warning workflow sees them (the same roles the grading pages read).</summary>
public static class WarningPeople
{
    public static WarningActor Actor(ICurrentActor actor, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        return new WarningActor(actor.UserId ?? "", user.FindFirst(CrmClaims.DisplayName)?.Value ?? actor.UserName ?? "",
            IsLeader: user.IsInRole(Roles.Leader) && actor.Scope.Level == ScopeLevel.All,
            IsDepartmentHead: user.IsInRole(Roles.DepartmentHead) && actor.Scope.Level == ScopeLevel.Department);
    }
}
