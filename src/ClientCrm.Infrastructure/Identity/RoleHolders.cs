using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Persistence;

namespace ClientCrm.Infrastructure.Identity;

/// <summary>
/// Other people by role, as the database knows them: who is told of something, who may be named for something. The
/// acting user's own standing comes from their claims instead (<see cref="AccessScope.For"/>).
/// </summary>
public static class RoleHolders
{
    /// <summary>The enabled users who hold <paramref name="role"/>.</summary>
    public static IQueryable<CrmUser> InRole(this CrmDbContext db, string role)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
    }

    /// <summary>The enabled leaders: those told of high and escalated warnings, and the ones an A client's responsible leader is chosen from.</summary>
    public static IQueryable<CrmUser> Leaders(this CrmDbContext db) => db.InRole(Roles.Leader);
}
