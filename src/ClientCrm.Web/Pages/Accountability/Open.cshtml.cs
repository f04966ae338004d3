using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Accountability;

/// <summary>
/// A department head or a leader opens an accountability case by hand, saying what happened (SPEC §5.3). A client has at
/// most one open case opened by hand; the page says so rather than opening a second. The department is told.
/// </summary>
public sealed class OpenModel(CrmDbContext db, ICurrentActor actor, IValidator<AccountabilityInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public AccountabilityInput Input { get; set; } = new();

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";

    /// <summary>The client's open case opened by hand, if any: the page links it instead of offering a second.</summary>
    public Guid? OpenCaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct) => await LoadAsync(clientId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null || !await LoadAsync(clientId, ct))
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (OpenCaseId is not null)
        {
            ModelState.AddModelError("", l["Accountability.AlreadyOpen"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var who = await WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        var days = await db.WorkflowSettings.AsNoTracking().Select(s => s.AccountabilityReportDueDays).SingleAsync(ct);
        var opened = AccountabilityCase.OpenByHand(client, who, Input.Incident, clock, days);
        db.AccountabilityCases.Add(opened);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Accountability.Done.Open"].Value;
        return RedirectToPage("/Accountability/Details", new { id = opened.Id });
    }

    /// <summary>Another save opened the client's manual case first (the one-open-case index).</summary>
    public RefusalMessage Duplicate() => new("", "Accountability.AlreadyOpen");

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(ClientId, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return false;
        }

        (ClientId, ClientName) = (client.Id, client.Name);
        OpenCaseId = await db.AccountabilityCases.Where(AccountabilityCase.IsOpen)
            .Where(c => c.ClientId == clientId && c.Trigger == AccountabilityTrigger.Manual).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        return true;
    }
}
