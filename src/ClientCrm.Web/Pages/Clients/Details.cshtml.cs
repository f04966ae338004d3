using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ClientCrm.Web.Localization;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>The client's dossier page: enterprise card, principal cards, status, owner.</summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public Client Client { get; private set; } = null!;
    public string OwnerName { get; private set; } = "";
    public string DepartmentName { get; private set; } = "";
    public bool ReviewDue { get; private set; }
    public bool IsLeader => actor.Scope.Level == ScopeLevel.All;
    public IReadOnlyList<ClientStatus> StatusTargets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.Include(c => c.Principals).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        await LoadAsync(client, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, ClientStatus to, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        try
        {
            client.ChangeStatus(to, IsLeader, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Client.StatusChanged", l.Enum(to)].Value;
        }
        catch (DomainException ex)
        {
            TempData["FlashError"] = l[ex.Code].Value;
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReviewedAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        client.ConfirmCardReviewed(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Client.ReviewConfirmed"].Value;
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(Client client, CancellationToken ct)
    {
        Client = client;
        OwnerName = await db.Users.Where(u => u.Id == client.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        DepartmentName = await db.Departments.Where(d => d.Id == client.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        ReviewDue = client.IsCardReviewDue(clock.GetUtcNow());
        StatusTargets = ClientStatusRules.TargetsFrom(client.Status, IsLeader);
    }
}
