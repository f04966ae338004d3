using ClientCrm.Domain.Organisation;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Departments;

public sealed class CreateModel(CrmDbContext db, IValidator<DepartmentInput> validator, IStringLocalizer<SharedResource> l) : PageModel, IRefusalPage
{
    [BindProperty] public DepartmentInput Input { get; set; } = new();

    /// <summary>Another admin saved the same name or code between the check above and the save.</summary>
    public RefusalMessage Duplicate() => new("", "Department.NotUnique");

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

        var department = new Department(Input.Name!, Input.Code!);
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Department.Created", department.Name].Value;
        return RedirectToPage("Index");
    }
}
