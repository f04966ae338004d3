using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Principals;

public sealed class EditModel(CrmDbContext db, IValidator<PrincipalInput> validator, IStringLocalizer<SharedResource> l, TimeProvider clock,
    ClientCrm.Infrastructure.Dossier.DossierAccess dossier) : PageModel
{
    [BindProperty] public PrincipalInput Principal { get; set; } = new();

    public Guid ClientId { get; private set; }
    public Guid Id { get; private set; }
    public string ClientName { get; private set; } = "";
    public bool IsCurrent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        var client = await db.Clients.Include(c => c.Principals).AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        var principal = client?.Principals.FirstOrDefault(p => p.Id == id);
        if (client is null || principal is null)
        {
            return NotFound();
        }

        (ClientId, Id, ClientName, IsCurrent) = (client.Id, principal.Id, client.Name, principal.IsCurrent);
        Principal = PrincipalInput.From(principal);
        // The form shows the principal's card in full: a use of the dossier, registered (editing stays with the scope above).
        if (await dossier.RightToReadAsync(client.Id, ct) is { } right)
        {
            await dossier.RecordUseAsync(client.Id, right, Domain.Dossier.DossierUseKind.PrincipalsViewed, "principal card (edit form)", ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        var client = await db.Clients.Include(c => c.Principals).FirstOrDefaultAsync(c => c.Id == clientId, ct);
        var principal = client?.Principals.FirstOrDefault(p => p.Id == id);
        if (client is null || principal is null)
        {
            return NotFound();
        }

        (ClientId, Id, ClientName, IsCurrent) = (client.Id, principal.Id, client.Name, principal.IsCurrent);
        (await validator.ValidateAsync(Principal, ct)).AddToModelState(ModelState, nameof(Principal));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        client.UpdatePrincipal(id, Principal.ToCard(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Client.Saved"].Value;
        return RedirectToPage("/Clients/Details", new { id = clientId });
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        var client = await db.Clients.Include(c => c.Principals).FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        try
        {
            client.RetirePrincipal(id, clock.GetUtcNow());
        }
        catch (DomainException)
        {
            // Stays a catch: the domain refuses a principal that is not this client's, which to the user is a page that does not
            // exist (404), not a form to correct.
            return NotFound();
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Principal.Retired"].Value;
        return RedirectToPage("/Clients/Details", new { id = clientId });
    }
}
