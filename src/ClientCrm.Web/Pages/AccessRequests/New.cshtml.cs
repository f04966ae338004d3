using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.AccessRequests;

/// <summary>
/// Files an access request (调阅申请) for a client found by the company-wide existence check: the purpose and the days
/// wanted. The client comes as the check's token (<see cref="AccessRequestTokens"/>); the page names it as the user did and
/// shows its department, nothing more. The leaders are told.
/// </summary>
public sealed class NewModel(CrmDbContext db, ICurrentActor actor, DossierAccess dossier, AccessRequestTokens tokens, IValidator<AccessRequestInput> validator,
    IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public AccessRequestInput Input { get; set; } = new();

    public string DepartmentName { get; private set; } = "";
    public AccessPeriods Periods { get; private set; } = new(AccessRequest.DefaultDays, AccessRequest.LongestDays);

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } client || !await LoadAsync(client.ClientId, ct))
        {
            return NotFound();
        }

        Input.Token = token;
        Input.NamedAs = client.CheckedName;
        Input.DaysWanted = Periods.DefaultDays;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (tokens.Read(Input.Token) is not { } client || !await LoadAsync(client.ClientId, ct))
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = actor.UserId!;
        var right = await dossier.RightToReadAsync(client.ClientId, ct);
        var now = clock.UtcNow;
        var open = await db.AccessRequests.AnyAsync(r => r.RequesterId == me && r.ClientId == client.ClientId
            && (r.State == AccessRequestState.Submitted || (r.State == AccessRequestState.Approved && r.GrantedUntil > now)), ct);
        var request = AccessRequest.Submit(client.ClientId, actor.Scope, actor.DisplayName ?? actor.UserName ?? "", Input.NamedAs, Input.Purpose,
            Input.DaysWanted, Periods, hasStanding: right is { IsByRequest: false }, hasOpenRequest: open || right is { IsByRequest: true }, now);
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["AccessRequests.Done.Submit"].Value;
        return RedirectToPage("/AccessRequests/Details", new { id = request.Id });
    }

    /// <summary>The department the check named, and the periods the leaders set.</summary>
    private async Task<bool> LoadAsync(Guid clientId, CancellationToken ct)
    {
        // The same as the existence check shows of a client outside the scope: its department, to contact.
        var department = await db.Clients.IgnoreQueryFilters().Where(c => c.Id == clientId)
            .Select(c => db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).First()).FirstOrDefaultAsync(ct);
        if (department is null)
        {
            return false;
        }

        DepartmentName = department;
        Periods = (await db.WorkflowSettings.AsNoTracking().SingleAsync(ct)).AccessPeriods;
        return true;
    }
}
