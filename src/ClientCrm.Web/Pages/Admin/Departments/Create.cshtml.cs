using ClientCrm.Domain.Common;
using ClientCrm.Domain.Organisation;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Departments;

public sealed class CreateModel(CrmDbContext db, IValidator<DepartmentInput> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public DepartmentInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid)
        {
            await DepartmentUniqueness.CheckAsync(db, Input, null, ModelState, l, ct);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var department = new Department(Input.Name!, Input.Code!);
            db.Departments.Add(department);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Department.Created", department.Name].Value;
            return RedirectToPage("Index");
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, l[ex.Code]);
            return Page();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another admin saved the same name or code between our check and our save.
            ModelState.AddModelError(string.Empty, l["Department.NotUnique"]);
            return Page();
        }
    }
}
