using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Principals;

public sealed class CreateModel(CrmDbContext db, IValidator<PrincipalInput> validator, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty] public PrincipalInput Principal { get; set; } = new();

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct)
    {
        var name = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        (ClientId, ClientName) = (clientId, name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.Include(c => c.Principals).FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        (ClientId, ClientName) = (client.Id, client.Name);
        (await validator.ValidateAsync(Principal, ct)).AddToModelState(ModelState, nameof(Principal));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        client.AddPrincipal(Principal.ToCard(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Principal.Added", Principal.Name!].Value;
        return RedirectToPage("/Clients/Details", new { id = clientId });
    }
}
