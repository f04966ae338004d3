using System.ComponentModel.DataAnnotations;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Account;

/// <summary>Any signed-in user replaces their own password; the current one proves it is them.</summary>
public sealed class ChangePasswordModel(
    UserManager<CrmUser> users,
    SignInManager<CrmUser> signIn,
    IValidator<ChangePasswordModel.ChangePasswordInput> validator,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ChangePasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(ChangePasswordInput.CurrentPassword)}", l["Password.CurrentWrong"]);
                }
                else
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(ChangePasswordInput.NewPassword)}",
                        error.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure) ? l["Common.ConcurrentEdit"] : error.Description);
                }
            }

            return Page();
        }

        // The new security stamp would end this session too at the next validation; keep the user signed in here
        // (other sessions, e.g. on a lost laptop, still end).
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Password.Changed"].Value;
        return LocalRedirect("/");
    }

    public sealed class ChangePasswordInput
    {
        [Display(Name = "Password.Current")]
        [DataType(DataType.Password)]
        public string? CurrentPassword { get; set; }

        [Display(Name = "Password.New")]
        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }

        [Display(Name = "Password.Confirm")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }
    }

    public sealed class ChangePasswordInputValidator : AbstractValidator<ChangePasswordInput>
    {
        public ChangePasswordInputValidator(IStringLocalizer<SharedResource> l)
        {
            ArgumentNullException.ThrowIfNull(l);
            RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(256);
            // Length and common-password rules are Identity's, shown next to this field after the attempt.
            RuleFor(x => x.NewPassword).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(256)
                .NotEqual(x => x.CurrentPassword).WithMessage(l["Password.SameAsCurrent"]);
            RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage(l["Password.ConfirmMismatch"]);
        }
    }
}
