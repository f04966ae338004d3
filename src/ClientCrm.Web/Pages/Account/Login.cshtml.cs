using System.ComponentModel.DataAnnotations;
using ClientCrm.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ClientCrm.Web.Validation;

namespace ClientCrm.Web.Pages.Account;

/// <summary>
/// Sign-in. Identity (SignInManager, UserManager and their stores) and the validator are taken by the POST handler only:
/// building them costs more than showing the form.
/// </summary>
public sealed partial class LoginModel(IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SignInManager<CrmUser> signIn, [FromServices] IValidator<LoginInput> validator)
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, nameof(Input));
            return Page();
        }

        // A fresh session at every sign-in: whatever cookie came with the request is dropped first.
        await signIn.SignOutAsync();
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignIn(logger, Input.UserName.Trim());
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // What was typed as a user name is logged only when it is one: people sometimes type a password there.
        var known = await signIn.UserManager.FindByNameAsync(Input.UserName.Trim()) is not null;
        LogFailure(logger, known ? Input.UserName.Trim() : "(unknown account)", result.IsLockedOut);
        ModelState.AddModelError(string.Empty, result.IsLockedOut ? l["Login.LockedOut"] : l["Login.Failed"]);
        Input.Password = "";
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} signed in")]
    private static partial void LogSignIn(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for {UserName} (locked out: {LockedOut})")]
    private static partial void LogFailure(ILogger logger, string userName, bool lockedOut);

    public sealed class LoginInput
    {
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "";

        [Display(Name = "Login.Password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public sealed class LoginInputValidator : AbstractValidator<LoginInput>
    {
        public LoginInputValidator()
        {
            RuleFor(x => x.UserName).NotEmpty().MaximumLength(256);
            RuleFor(x => x.Password).NotEmpty().MaximumLength(256);
        }
    }
}
