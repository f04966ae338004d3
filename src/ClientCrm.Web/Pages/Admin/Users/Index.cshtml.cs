using System.Globalization;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
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

/// <summary>
/// Every account with its role, department and whether it can sign in, by user name, paged by keyset on the unique
/// normalised user name (Identity's own index) with the total. Role and department come from joins, not per-row queries.
/// </summary>
public sealed class IndexModel(CrmDbContext db, TimeProvider clock) : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];
    public Tally Total { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
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

        Total = await query.TallyAsync(ct);
        var cursor = Cursor.Read(Paging.Token, 2, c => c);
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek =>
                from u in ByName(query, cursor, seek)
                join d in db.Departments on u.DepartmentId equals d.Id into departments
                from d in departments.DefaultIfEmpty()
                join ur in db.UserRoles on u.Id equals ur.UserId into memberships
                from ur in memberships.DefaultIfEmpty()
                join r in db.Roles on ur.RoleId equals r.Id into roles
                from r in roles.DefaultIfEmpty()
                select new UserRead(u.Id, u.UserName ?? "", u.NormalizedUserName ?? "", u.DisplayName, u.Email, r.Name, d.Name, u.IsDisabled,
                    u.LockoutEnd),
            u => Cursor.Encode(u.NormalizedUserName, u.Id), ct);
        var now = clock.GetUtcNow();
        Rows = page.Rows.Select(u => new UserRow(u.Id, u.UserName, u.DisplayName, u.Email, u.Role, u.DepartmentName,
            StateOf(u.IsDisabled, u.LockoutEnd, now), u.LockoutEnd)).ToList();
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q,
            ["department"] = Department?.ToString(CultureInfo.InvariantCulture),
        });
        Departments = await UserForm.DepartmentsAsync(db, ct);
    }

    /// <summary>By user name (normalised, as Identity's unique index has it; the id only settles the order), past the cursor's.</summary>
    private static IQueryable<CrmUser> ByName(IQueryable<CrmUser> users, Cursor? cursor, Seek seek)
    {
        if (cursor is not null && seek != Seek.First)
        {
            var (name, id) = (cursor.Text(0), cursor.Text(1));
            return seek == Seek.After
                ? users.Where(u => EF.Functions.GreaterThan(ValueTuple.Create(u.NormalizedUserName!, u.Id), ValueTuple.Create(name, id)))
                    .OrderBy(u => u.NormalizedUserName).ThenBy(u => u.Id)
                : users.Where(u => EF.Functions.LessThan(ValueTuple.Create(u.NormalizedUserName!, u.Id), ValueTuple.Create(name, id)))
                    .OrderByDescending(u => u.NormalizedUserName).ThenByDescending(u => u.Id);
        }

        return users.OrderBy(u => u.NormalizedUserName).ThenBy(u => u.Id);
    }

    internal static UserState StateOf(bool isDisabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        isDisabled ? UserState.Disabled : lockoutEnd > now ? UserState.LockedOut : UserState.Active;

    /// <summary>A user as read, before the state is worked out.</summary>
    private sealed record UserRead(string Id, string UserName, string NormalizedUserName, string DisplayName, string? Email, string? Role,
        string? DepartmentName, bool IsDisabled, DateTimeOffset? LockoutEnd);
}
