using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.AccessRequests;

/// <summary>
/// One access request: who asks to read which client, why and for how long; the decision and the period granted; its
/// timeline; and the forms of the steps this person may take (a leader's approve, refuse, revoke). Every handler loads the
/// request through <see cref="AccessRequest.VisibleTo"/> (the requester's own, or a leader): anyone else gets 404.
/// </summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<AccessRequestInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    private Guid _id;

    public AccessRequest Item { get; private set; } = null!;

    /// <summary>The client as this reader may name it: its name for a leader, the requester's own words otherwise.</summary>
    public string ClientLabel { get; private set; } = "";

    /// <summary>Whether the client's page may be linked: a leader, or the requester while the grant is in force.</summary>
    public bool LinksClient { get; private set; }

    public bool InForce { get; private set; }
    public bool Expired { get; private set; }
    public AccessPeriods Periods { get; private set; } = new(AccessRequest.DefaultDays, AccessRequest.LongestDays);
    public WorkflowTimeline Timeline { get; private set; } = new("access-request-timeline", []);
    public IReadOnlyList<AccessRequestAction> Actions { get; private set; } = [];

    [BindProperty] public AccessRequestInput Input { get; set; } = new();

    public bool Offers(AccessRequestAction action) => Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.DaysGranted ??= Item.DaysWanted;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccessRequestAction.Approve, ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccessRequestAction.Refuse, ct);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccessRequestAction.Revoke, ct);

    public RefusalMessage Conflict() => new("", "AccessRequests.ConcurrentUpdate");

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(_id, ct) ? Page() : NotFound();

    /// <summary>What this person is to a request: a leader decides; anyone else who sees it (its requester) only reads.</summary>
    private WorkflowActor Actor() => new(actor.UserId ?? "", actor.DisplayName ?? actor.UserName ?? "",
        actor.Scope.IsLeader ? Parties.AnyoneInScope | Parties.Leader : Parties.AnyoneInScope);

    private async Task<IActionResult> TakeAsync(Guid id, AccessRequestAction action, CancellationToken ct)
    {
        _id = id;
        var request = await db.AccessRequests.Where(AccessRequest.VisibleTo(actor.Scope)).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(new DomainException(), ct);
        }

        db.Entry(request).Property(r => r.Version).OriginalValue = Input.Version;
        var who = Actor();
        switch (action)
        {
            case AccessRequestAction.Approve:
                request.Approve(who, Input.DaysGranted, Input.DecisionComment, (await db.WorkflowSettings.AsNoTracking().SingleAsync(ct)).AccessPeriods, clock);
                break;
            case AccessRequestAction.Refuse:
                request.Refuse(who, Input.DecisionComment, clock.UtcNow);
                break;
            default:
                request.Revoke(who, Input.RevokeReason, clock.UtcNow);
                break;
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[$"AccessRequests.Done.{action}"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var request = await db.AccessRequests.AsNoTracking().Where(AccessRequest.VisibleTo(actor.Scope)).Include(r => r.Events)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return false;
        }

        Item = request;
        var now = clock.UtcNow;
        (InForce, Expired) = (request.IsInForce(now), request.HasExpired(now));
        var number = $"#{request.Number}";
        if (actor.Scope.IsLeader)
        {
            // A leader's context has no client filter: the client's name is theirs to read.
            ClientLabel = await db.Clients.AsNoTracking().Where(c => c.Id == request.ClientId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? number;
            LinksClient = true;
        }
        else
        {
            ClientLabel = request.NamedAs ?? number;
            LinksClient = InForce;
        }

        Periods = (await db.WorkflowSettings.AsNoTracking().SingleAsync(ct)).AccessPeriods;
        Timeline = WorkflowTimeline.Of("access-request-timeline", request.Events, e => e.Kind);
        Actions = request.ActionsFor(Actor().Is, now);
        Input.Version = request.Version;
        ModelState.Remove($"{nameof(Input)}.{nameof(AccessRequestInput.Version)}");
        return true;
    }
}
