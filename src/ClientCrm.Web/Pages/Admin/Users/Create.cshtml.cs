using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Auditing;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Users;

/// <summary>An admin opens an account: user name, initial password, and the profile every account has.</summary>
public sealed class CreateModel(
    UserManager<CrmUser> users,
    CrmDbContext db,
    IValidator<CreateModel.NewUserInput> validator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock) : PageModel
{
    [BindProperty] public NewUserInput Input { get; set; } = new();

    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Role = Domain.Access.Roles.Staff;
        Departments = await UserForm.DepartmentsAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Departments = await UserForm.DepartmentsAsync(db, ct);
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new CrmUser
        {
            UserName = Input.UserName!.Trim(),
            DisplayName = Input.DisplayName!.Trim(),
            Email = Input.EmailOrNull,
            DepartmentId = Input.DepartmentId,
            CreatedAt = clock.GetUtcNow(),
        };

        // Account and role are saved by separate Identity calls; an account without its role must not remain.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            created.AddTo(ModelState, l, passwordKey: $"{nameof(Input)}.{nameof(NewUserInput.Password)}",
                userNameKey: $"{nameof(Input)}.{nameof(NewUserInput.UserName)}", emailKey: $"{nameof(Input)}.{nameof(UserInput.Email)}");
            return Page();
        }

        UserAudit.RecordRole(db, clock, user, null, Input.Role!, AuditAction.Created);
        var role = await users.AddToRoleAsync(user, Input.Role!);
        if (!role.Succeeded)
        {
            role.AddTo(ModelState, l);
            return Page();
        }

        await transaction.CommitAsync(ct);
        TempData["Flash"] = l["User.Created", user.UserName].Value;
        return RedirectToPage("Index");
    }

    public sealed class NewUserInput : UserInput
    {
        [Display(Name = "User.UserName")] public string? UserName { get; set; }

        [Display(Name = "User.InitialPassword")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    public sealed class NewUserInputValidator : AbstractValidator<NewUserInput>
    {
        public NewUserInputValidator(IValidator<UserInput> profile, IStringLocalizer<SharedResource> l)
        {
            ArgumentNullException.ThrowIfNull(profile);
            ArgumentNullException.ThrowIfNull(l);
            RuleFor(x => x.UserName).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(64)
                .Matches("^[A-Za-z0-9._@+-]+$").WithMessage(l["User.InvalidUserName"]);
            // Length and common-password rules are Identity's (one place for create, reset and change).
            RuleFor(x => x.Password).NotEmpty().MaximumLength(256);
            Include(profile);
        }
    }
}
