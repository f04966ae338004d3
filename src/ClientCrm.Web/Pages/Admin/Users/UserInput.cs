using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Users;

/// <summary>What an admin sets on every account, at creation and later: the name shown, email, the one role, the department.</summary>
public class UserInput
{
    [Display(Name = "User.DisplayName")] public string? DisplayName { get; set; }
    [Display(Name = "User.Email")] public string? Email { get; set; }
    [Display(Name = "User.Role")] public string? Role { get; set; }
    [Display(Name = "User.Department")] public int? DepartmentId { get; set; }

    public string? EmailOrNull => string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
}

public sealed class UserInputValidator : AbstractValidator<UserInput>
{
    public UserInputValidator(CrmDbContext db, IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Email).MaximumLength(256).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage(l["Validation.Email"]);
        RuleFor(x => x.Role).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(r => Roles.All.Contains(r!)).WithMessage(l["User.RoleInvalid"]);
        // SPEC §1: staff and heads belong to exactly one department; leaders and admins may have none.
        RuleFor(x => x.DepartmentId).NotNull().When(x => x.Role is not null && Roles.NeedsDepartment(x.Role))
            .WithMessage(l["User.DepartmentRequired"]);
        RuleFor(x => x.DepartmentId)
            .MustAsync(async (id, ct) => await db.Departments.AnyAsync(d => d.Id == id, ct))
            .When(x => x.DepartmentId is not null).WithMessage(l["User.DepartmentUnknown"]);
    }
}

public sealed record DepartmentOption(int Id, string Name, string Code);

internal static class UserForm
{
    public static async Task<IReadOnlyList<DepartmentOption>> DepartmentsAsync(CrmDbContext db, CancellationToken ct) =>
        await db.Departments.AsNoTracking().OrderBy(d => d.Code)
            .Select(d => new DepartmentOption(d.Id, d.Name, d.Code)).ToListAsync(ct);
}
