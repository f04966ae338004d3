using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClientCrm.Web.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
