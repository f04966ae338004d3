using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

public sealed record OwnerOption(string Id, string DisplayName, int DepartmentId, string DepartmentName);

/// <summary>
/// Who may own a client (项目负责人): active staff and heads with a department. A user may pick only owners inside
/// their own scope: staff themselves, a head anyone in the department, a leader anyone.
/// </summary>
public static class ClientOwners
{
    public static async Task<IReadOnlyList<OwnerOption>> AssignableAsync(CrmDbContext db, AccessScope scope, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var ownerRoles = new[] { Roles.Staff, Roles.DepartmentHead };
        var query =
            from u in db.Users
            join d in db.Departments on u.DepartmentId equals d.Id
            where !u.IsDisabled
                  && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && ownerRoles.Contains(r.Name!)))
            select new { u.Id, u.DisplayName, DepartmentId = d.Id, DepartmentName = d.Name };

        query = scope.Level switch
        {
            ScopeLevel.All => query,
            ScopeLevel.Department => query.Where(o => o.DepartmentId == scope.DepartmentId),
            ScopeLevel.Own => query.Where(o => o.Id == scope.UserId),
            _ => query.Where(_ => false),
        };

        var rows = await query.OrderBy(o => o.DepartmentName).ThenBy(o => o.DisplayName).ToListAsync(ct);
        return rows.Select(o => new OwnerOption(o.Id, o.DisplayName, o.DepartmentId, o.DepartmentName)).ToList();
    }
}
