using ClientCrm.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClientCrm.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<CrmUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    /// <summary>
    /// Signs the user out everywhere: a new security stamp ends every cookie issued before it (this browser's, a copy
    /// of it, and the user's other sessions) at its next request, not only the cookie this browser deletes.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
