using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Web.Security;
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

        var userName = Input.UserName.Trim();
        var throttle = HttpContext.RequestServices.GetRequiredService<SignInThrottle>();
        using (var lease = throttle.Attempt(HttpContext.Connection.RemoteIpAddress, signIn.UserManager.NormalizeName(userName) ?? ""))
        {
            if (!lease.IsAcquired)
            {
                // Over the limit for this address or this account name: refused before the password is looked at, so it
                // neither counts towards a lockout nor costs a hash. The page comes back with what was typed.
                LogThrottled(logger);
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var told) ? told : throttle.RetryAfter;
                Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

                ModelState.AddModelError(string.Empty, l["Login.TooManyAttempts"]);
                Input.Password = "";
                var refused = Page();
                refused.StatusCode = StatusCodes.Status429TooManyRequests;
                return refused;
            }
        }

        // A fresh session at every sign-in: whatever cookie came with the request is dropped first.
        await signIn.SignOutAsync();
        var result = await signIn.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignIn(logger, userName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // What was typed as a user name is logged only when it is one: people sometimes type a password there.
        var known = await signIn.UserManager.FindByNameAsync(userName) is not null;
        LogFailure(logger, known ? userName : "(unknown account)", result.IsLockedOut);
        // One message for an unknown name, a wrong password, a locked and a disabled account: the page must not tell
        // which accounts exist (the time it takes does not either: CrmSignInManager hashes in every case).
        ModelState.AddModelError(string.Empty, l["Login.Failed"]);
        Input.Password = "";
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} signed in")]
    private static partial void LogSignIn(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for {UserName} (locked out: {LockedOut})")]
    private static partial void LogFailure(ILogger logger, string userName, bool lockedOut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in attempt refused: too many attempts from this address or for this account name")]
    private static partial void LogThrottled(ILogger logger);

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
