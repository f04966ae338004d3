using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Departments;

public sealed class EditModel(CrmDbContext db, IValidator<DepartmentInput> validator, IStringLocalizer<SharedResource> l) : PageModel, IRefusalPage
{
    [BindProperty] public DepartmentInput Input { get; set; } = new();

    /// <summary>Another admin saved the same name or code between the check above and the save.</summary>
    public RefusalMessage Duplicate() => new("", "Department.NotUnique");

    public int Id { get; private set; }
    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
        {
            return NotFound();
        }

        (Id, CurrentName) = (department.Id, department.Name);
        Input = DepartmentInput.From(department);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (department is null)
        {
            return NotFound();
        }

        (Id, CurrentName) = (department.Id, department.Name);
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid)
        {
            await DepartmentUniqueness.CheckAsync(db, Input, id, ModelState, l, ct);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        department.Rename(Input.Name!, Input.Code!);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Department.Saved", department.Name].Value;
        return RedirectToPage("Index");
    }
}
