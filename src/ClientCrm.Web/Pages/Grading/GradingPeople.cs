using System.Security.Claims;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Grading;

public sealed record LeaderOption(string Id, string DisplayName);

/// <summary>Who decides grades (the signed-in user, as a <see cref="GradeDecider"/>) and who can be an A client's responsible leader.</summary>
public static class GradingPeople
{
    public static GradeDecider Decider(ICurrentActor actor, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        return new GradeDecider(actor.UserId ?? "", user.FindFirst(CrmClaims.DisplayName)?.Value ?? actor.UserName ?? "",
            IsLeader: user.IsInRole(Roles.Leader) && actor.Scope.Level == ScopeLevel.All,
            IsDepartmentHead: user.IsInRole(Roles.DepartmentHead) && actor.Scope.Level == ScopeLevel.Department);
    }

    public static async Task<IReadOnlyList<LeaderOption>> LeadersAsync(CrmDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Users
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Leader)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new LeaderOption(u.Id, u.DisplayName))
            .ToListAsync(ct);
    }

    public static async Task<bool> IsLeaderAsync(CrmDbContext db, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return userId is not null && await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Leader)
                                                                        && db.Users.Any(u => u.Id == userId && !u.IsDisabled), ct);
    }
}
