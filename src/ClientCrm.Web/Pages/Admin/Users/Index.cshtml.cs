using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Admin.Users;

public enum UserState
{
    Active,
    Disabled,
    LockedOut,
}

public sealed record UserRow(string Id, string UserName, string DisplayName, string? Email, string? Role, string? DepartmentName,
    UserState State, DateTimeOffset? LockoutEnd);

/// <summary>Every account with its role, department and whether it can sign in. Tens of users: no paging.</summary>
public sealed class IndexModel(CrmDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var pattern = "%" + Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(u => EF.Functions.ILike(u.UserName!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        }

        if (Department is { } department)
        {
            query = query.Where(u => u.DepartmentId == department);
        }

        var rows = await query
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Email,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).OrderBy(n => n).FirstOrDefault(),
                DepartmentName = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                u.IsDisabled,
                u.LockoutEnd,
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        Rows = rows.Select(u => new UserRow(u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.Role, u.DepartmentName,
            StateOf(u.IsDisabled, u.LockoutEnd, now), u.LockoutEnd)).ToList();
        Departments = await UserForm.DepartmentsAsync(db, ct);
    }

    internal static UserState StateOf(bool isDisabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        isDisabled ? UserState.Disabled : lockoutEnd > now ? UserState.LockedOut : UserState.Active;
}
