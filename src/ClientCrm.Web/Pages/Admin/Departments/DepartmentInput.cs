using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Organisation;
using ClientCrm.Infrastructure.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Departments;

public sealed class DepartmentInput
{
    [Display(Name = "Department.Name")] public string? Name { get; set; }
    [Display(Name = "Department.Code")] public string? Code { get; set; }

    public static DepartmentInput From(Department d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new() { Name = d.Name, Code = d.Code };
    }
}

public sealed class DepartmentInputValidator : AbstractValidator<DepartmentInput>
{
    public DepartmentInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        // The code appears in reports, exports and file names.
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(20)
            .Matches("^[A-Za-z0-9-]+$").WithMessage(l["Department.CodeInvalid"]);
    }
}

internal static class DepartmentUniqueness
{
    /// <summary>
    /// Name and code are unique (database indexes); say so next to the field instead of failing on save.
    /// The code is compared as the domain stores it (trimmed, upper case).
    /// </summary>
    public static async Task CheckAsync(CrmDbContext db, DepartmentInput input, int? exceptId, ModelStateDictionary modelState,
        IStringLocalizer l, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        var name = input.Name!.Trim();
        var code = input.Code!.Trim().ToUpperInvariant();
        var clashes = await db.Departments.AsNoTracking()
            .Where(d => d.Id != exceptId && (d.Name == name || d.Code == code))
            .Select(d => new { d.Name, d.Code })
            .ToListAsync(ct);
        if (clashes.FirstOrDefault(d => d.Code == code) is { } sameCode)
        {
            modelState.AddModelError("Input.Code", l["Department.CodeTaken", code, sameCode.Name]);
        }

        if (clashes.Any(d => d.Name == name))
        {
            modelState.AddModelError("Input.Name", l["Department.NameTaken", name]);
        }
    }
}
