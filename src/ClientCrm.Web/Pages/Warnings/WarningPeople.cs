using System.Security.Claims;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Web.Pages.Grading;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>The signed-in user as the warning workflow sees them: the same person, and the same role rule, as a grade decider.</summary>
public static class WarningPeople
{
    public static WarningActor Actor(ICurrentActor actor, ClaimsPrincipal user)
    {
        var decider = GradingPeople.Decider(actor, user);
        return new WarningActor(decider.UserId, decider.Name, decider.IsLeader, decider.IsDepartmentHead);
    }
}
