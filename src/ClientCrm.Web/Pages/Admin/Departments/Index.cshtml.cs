using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Admin.Departments;

public sealed record DepartmentRow(int Id, string Name, string Code, int ActiveUsers, int DisabledUsers);

public sealed class IndexModel(CrmDbContext db) : PageModel
{
    public IReadOnlyList<DepartmentRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await db.Departments.AsNoTracking()
            .OrderBy(d => d.Code)
            .Select(d => new DepartmentRow(d.Id, d.Name, d.Code,
                db.Users.Count(u => u.DepartmentId == d.Id && !u.IsDisabled),
                db.Users.Count(u => u.DepartmentId == d.Id && u.IsDisabled)))
            .ToListAsync(ct);
    }
}
