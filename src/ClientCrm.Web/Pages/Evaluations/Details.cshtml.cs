using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>
/// One new-client evaluation (SPEC §5.2): its sections, the head's opinion, the leaders' decision with the minutes, the
/// timeline of every step with how long each took, and the forms of the steps this person may take now, read from the
/// flow's table (<see cref="ClientEvaluation.Flow"/>). Every handler loads the evaluation through the scoped set again
/// (out of scope: 404) and lets the domain take the step, so a post nobody offered is refused and changes nothing.
/// </summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<EvaluationInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    private Guid _id;

    public ClientEvaluation Evaluation { get; private set; } = null!;
    public EvaluationClient Client { get; private set; } = null!;

    /// <summary>The other rounds of the client's evaluation, newest first.</summary>
    public IReadOnlyList<EvaluationRound> Rounds { get; private set; } = [];

    public WorkflowTimeline Timeline { get; private set; } = new("evaluation-timeline", []);

    /// <summary>What this person may do now: the forms shown.</summary>
    public IReadOnlyList<EvaluationAction> Actions { get; private set; } = [];

    /// <summary>A new round may be started from this rejected one by this person, and none is going.</summary>
    public bool MayRevise { get; private set; }

    [BindProperty] public EvaluationInput Input { get; set; } = new();

    public bool Offers(EvaluationAction action) => Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = EvaluationInput.From(Evaluation);
        return Page();
    }

    public Task<IActionResult> OnPostEditAsync(Guid id, CancellationToken ct) => TakeAsync(id, EvaluationAction.Edit, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => TakeAsync(id, EvaluationAction.Submit, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => TakeAsync(id, EvaluationAction.Return, ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) => TakeAsync(id, EvaluationAction.Review, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => TakeAsync(id, EvaluationAction.Approve, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct) => TakeAsync(id, EvaluationAction.Reject, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => TakeAsync(id, EvaluationAction.Note, ct);

    /// <summary>Starts a new round from this rejected evaluation, its sections copied.</summary>
    public async Task<IActionResult> OnPostReviseAsync(Guid id, CancellationToken ct)
    {
        _id = id;
        var rejected = await db.ClientEvaluations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (rejected is null)
        {
            return NotFound();
        }

        var client = await db.Clients.Where(c => c.Id == rejected.ClientId).Select(c => new { c.OwnerId, c.DepartmentId }).SingleAsync(ct);
        var who = await WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        var next = ClientEvaluation.Revise(rejected, who, clock.UtcNow);
        db.ClientEvaluations.Add(next);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Evaluations.Done.Revise"].Value;
        return RedirectToPage(new { id = next.Id });
    }

    /// <summary>A conflict says what to do next: look again (the timeline shows what changed).</summary>
    public RefusalMessage Conflict() => new("", "Evaluations.ConcurrentUpdate");

    /// <summary>A second evaluation beside one still going (the one-open-per-client index).</summary>
    public RefusalMessage Duplicate() => new("", "Evaluations.AlreadyOpen");

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(_id, ct) ? Page() : NotFound();

    private async Task<IActionResult> TakeAsync(Guid id, EvaluationAction action, CancellationToken ct)
    {
        _id = id;
        var evaluation = await db.ClientEvaluations.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (evaluation is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(new DomainException(), ct);
        }

        var client = await db.Clients.Where(c => c.Id == evaluation.ClientId).Select(c => new { c.OwnerId, c.DepartmentId }).SingleAsync(ct);
        var who = await WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        // A note only adds a line, so it never conflicts with what others did since the page was opened.
        if (action != EvaluationAction.Note)
        {
            db.Entry(evaluation).Property(e => e.Version).OriginalValue = Input.Version;
        }

        var now = clock.UtcNow;
        switch (action)
        {
            case EvaluationAction.Edit:
                evaluation.Edit(Input.ToSections(), who, now);
                break;
            case EvaluationAction.Submit:
                // What the owner wrote last is submitted with it: the form posts the sections too.
                evaluation.Edit(Input.ToSections(), who, now);
                evaluation.Submit(who, now);
                break;
            case EvaluationAction.Return:
                evaluation.Return(who, Input.ReturnReason, now);
                break;
            case EvaluationAction.Review:
                evaluation.Review(who, Input.HeadOpinion, now);
                break;
            case EvaluationAction.Approve or EvaluationAction.Reject:
                evaluation.Decide(action == EvaluationAction.Approve, who, Input.DecisionMinutes, Input.DecisionParticipants, now);
                break;
            default:
                evaluation.AddNote(who, Input.Note, now);
                break;
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[$"Evaluations.Done.{action}"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var evaluation = await db.ClientEvaluations.AsNoTracking().Include(e => e.Events).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (evaluation is null)
        {
            return false;
        }

        Evaluation = evaluation;
        Client = await EvaluationClient.ReadAsync(db, evaluation.ClientId, ct);
        Timeline = WorkflowTimeline.Of("evaluation-timeline", evaluation.Events, e => e.Kind);
        Rounds = await db.ClientEvaluations.AsNoTracking().Where(e => e.ClientId == evaluation.ClientId && e.Id != evaluation.Id)
            .OrderByDescending(e => e.Round)
            .Select(e => new EvaluationRound(e.Id, e.Round, e.State, e.DecidedAt, e.DecidedByName))
            .ToListAsync(ct);
        var who = WorkflowPeople.Actor(actor, User, Client);
        Actions = evaluation.ActionsFor(who.Is);
        MayRevise = evaluation.State == EvaluationState.Rejected && (who.Is & ClientEvaluation.StartedBy) != 0
            && !await db.ClientEvaluations.AnyAsync(e => e.ClientId == evaluation.ClientId && e.Round > evaluation.Round, ct);
        // The forms post the version shown here.
        Input.Version = evaluation.Version;
        ModelState.Remove($"{nameof(Input)}.{nameof(EvaluationInput.Version)}");
        return true;
    }
}

/// <summary>
/// The evaluated client as the workflow pages show it, with whether its department has an enabled head
/// (<see cref="WorkflowPeople.Actor(ICurrentActor, System.Security.Claims.ClaimsPrincipal, EvaluationClient)"/>).
/// </summary>
public sealed record EvaluationClient(Guid Id, string Name, string? ChineseName, string CountryCode, string OwnerId, string OwnerName,
    int DepartmentId, string DepartmentName, Domain.Clients.ClientStatus Status, bool DepartmentHasHead)
{
    public static Task<EvaluationClient> ReadAsync(CrmDbContext db, Guid clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Clients.Where(c => c.Id == clientId)
            .Select(c => new EvaluationClient(c.Id, c.Name, c.ChineseName, c.CountryCode, c.OwnerId,
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                c.DepartmentId, db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "", c.Status,
                db.InRole(Roles.DepartmentHead).Any(u => u.DepartmentId == c.DepartmentId)))
            .SingleAsync(ct);
    }
}

public sealed record EvaluationRound(Guid Id, int Round, EvaluationState State, DateTimeOffset? DecidedAt, string? DecidedByName);
