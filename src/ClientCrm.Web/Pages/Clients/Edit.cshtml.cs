using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>
/// Updates the enterprise card (动态管理). Heads and leaders may also move the client to another owner in their
/// scope. The xmin version guards against two people overwriting each other's edits.
/// </summary>
public sealed class EditModel(
    CrmDbContext db,
    ICurrentActor actor,
    DuplicateClientCheck duplicates,
    IValidator<ClientInput> validator,
    IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public ClientInput Input { get; set; } = new();
    [BindProperty] public string? OwnerId { get; set; }
    [BindProperty] public uint Version { get; set; }

    public Guid Id { get; private set; }
    public string ClientName { get; private set; } = "";
    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];
    public IReadOnlyList<DuplicateMatch> Duplicates { get; private set; } = [];
    public bool CanReassign => actor.Scope.Level is ScopeLevel.Department or ScopeLevel.All;
    public bool CanConfirmDuplicate => Duplicates.MayBeConfirmed();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        Input = ClientInput.From(client.CurrentCard());
        OwnerId = client.OwnerId;
        Version = client.Version;
        await LoadAsync(client, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        await LoadAsync(client, ct);
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        var newOwner = CanReassign && OwnerId != client.OwnerId ? Owners.FirstOrDefault(o => o.Id == OwnerId) : null;
        if (CanReassign && OwnerId != client.OwnerId && newOwner is null)
        {
            ModelState.AddModelError(nameof(OwnerId), l["Client.OwnerInvalid"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Duplicates = await duplicates.FindAsync(Input.Name!, Input.ChineseName, Input.CountryCode!, Input.RegistrationNumber, client.Id, ct);
        if (Duplicates.Count > 0 && !(CanConfirmDuplicate && Input.ConfirmNotDuplicate))
        {
            ModelState.AddModelError(string.Empty, CanConfirmDuplicate ? l["Duplicate.ConfirmNeeded"] : l["Duplicate.Blocked"]);
            return Page();
        }

        var now = clock.UtcNow;
        db.Entry(client).Property(c => c.Version).OriginalValue = Version;
        client.UpdateCard(Input.ToCard(), clock, actor.UserName);
        if (newOwner is not null)
        {
            client.AssignOwner(newOwner.Id, newOwner.DepartmentId, now);
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Client.Saved"].Value;
        return RedirectToPage("Details", new { id });
    }

    /// <summary>Someone registered the same registration number between the duplicate check and the save.</summary>
    public RefusalMessage Duplicate() => new("", "Duplicate.Blocked");

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct)
    {
        if (refused is DbUpdateConcurrencyException)
        {
            // Keep what the user typed; they can compare with the current card in another tab and save it over that one.
            Version = await db.Clients.AsNoTracking().Where(c => c.Id == Id).Select(c => c.Version).FirstAsync(ct);
            ModelState.Remove(nameof(Version));
        }

        return Page();
    }

    private async Task LoadAsync(Client client, CancellationToken ct)
    {
        Id = client.Id;
        ClientName = client.Name;
        Owners = CanReassign ? await ClientOwners.AssignableAsync(db, actor.Scope, ct) : [];
    }
}
