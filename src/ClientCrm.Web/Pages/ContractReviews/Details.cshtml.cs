using ClientCrm.Domain.Common;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.ContractReviews;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.ContractReviews;

/// <summary>
/// One contract review (合同评审): the requirements as understood and the capability, the reviewers' opinions, the checks that
/// must pass before it can pass (each failing one named), the result with the project's number, the timeline with how long
/// each step took, and the forms of the steps this person may take now, from the review's table (<see cref="ContractReview.Flow"/>).
/// Every handler loads the review through the scoped set again (out of scope: 404) and lets the domain take the step.
/// </summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<ContractReviewInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock, ContractReviewCheckRunner checks) : PageModel, IRefusalPage
{
    private Guid _id;

    public ContractReview Review { get; private set; } = null!;
    public EvaluationClient Client { get; private set; } = null!;
    public ReviewedProject Project { get; private set; } = null!;
    public WorkflowTimeline Timeline { get; private set; } = new("review-timeline", []);
    public IReadOnlyList<ContractReviewAction> Actions { get; private set; } = [];

    /// <summary>The checks run over the project and client as they are now; none once the review is decided.</summary>
    public IReadOnlyList<ContractReviewCheckOutcome> Checks { get; private set; } = [];

    /// <summary>Why a pass is refused now (an opinion missing, a check failing); null when the review may pass.</summary>
    public DomainException? PassBlocked { get; private set; }

    /// <summary>The other rounds of the project's review, newest first.</summary>
    public IReadOnlyList<(Guid Id, int Round, ContractReviewState State)> Rounds { get; private set; } = [];

    [BindProperty] public ContractReviewInput Input { get; set; } = new();

    public bool Offers(ContractReviewAction action) => Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = ContractReviewInput.From(Review.Sections, Review.Version);
        return Page();
    }

    public Task<IActionResult> OnPostEditAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.Edit, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.Submit, ct);

    public Task<IActionResult> OnPostOpinionAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.Opinion, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.Return, ct);

    public Task<IActionResult> OnPostPassAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.Pass, ct);

    public Task<IActionResult> OnPostPassWithConditionsAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.PassWithConditions, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.Reject, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => TakeAsync(id, ContractReviewAction.Note, ct);

    /// <summary>A conflict says what to do next: look again (the timeline shows what changed). Two passes at once meet on the year's counter.</summary>
    public RefusalMessage Conflict() => new("", "ContractReviews.ConcurrentUpdate");

    /// <summary>The opinion's comment and the decision's texts are named by the table; the page's fields have the same names.</summary>
    public string? FieldOf(DomainException refusal, string? handler) => refusal?.Field switch
    {
        "Opinions" or "Checks" => "",
        { } field when typeof(ContractReviewInput).GetProperty(field) is not null => RefusalFields.In(nameof(Input), field),
        _ => null,
    };

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(_id, ct) ? Page() : NotFound();

    private async Task<IActionResult> TakeAsync(Guid id, ContractReviewAction action, CancellationToken ct)
    {
        _id = id;
        var review = await db.ContractReviews.Include(r => r.Opinions).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(new DomainException(), ct);
        }

        var who = WorkflowPeople.Actor(actor, User, await EvaluationClient.ReadAsync(db, review.ClientId, ct));
        // A note or an opinion only adds a line, so neither conflicts with what others did since the page was opened.
        if (action is not (ContractReviewAction.Note or ContractReviewAction.Opinion))
        {
            db.Entry(review).Property(r => r.Version).OriginalValue = Input.Version;
        }

        var now = clock.UtcNow;
        switch (action)
        {
            case ContractReviewAction.Edit:
                review.Edit(Input.ToSections(), who, now);
                break;
            case ContractReviewAction.Submit:
                // What the owner wrote last is submitted with it: the form posts the sections too.
                review.Edit(Input.ToSections(), who, now);
                review.Submit(who, await GradeAsync(review.ClientId, ct), now);
                break;
            case ContractReviewAction.Opinion:
                review.GiveOpinion(who, Input.Verdict, Input.OpinionText, now);
                break;
            case ContractReviewAction.Return:
                review.Return(who, Input.ReturnReason, now);
                break;
            case ContractReviewAction.Pass or ContractReviewAction.PassWithConditions:
                var withConditions = action == ContractReviewAction.PassWithConditions;
                var project = await db.CooperationProjects.SingleAsync(p => p.Id == review.ProjectId, ct);
                var year = clock.Today.Year;
                var numbers = await db.ProjectNumberCounters.FirstOrDefaultAsync(c => c.Year == year, ct);
                if (numbers is null)
                {
                    numbers = ProjectNumberCounter.For(year);
                    db.ProjectNumberCounters.Add(numbers);
                }

                review.Pass(withConditions, who, withConditions ? Input.Conditions : Input.DecisionText, await checks.RunAsync(review, now, ct), project,
                    numbers, now);
                break;
            case ContractReviewAction.Reject:
                review.Reject(who, Input.RejectReason, now);
                break;
            default:
                review.AddNote(who, Input.Note, now);
                break;
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[$"ContractReviews.Done.{action}"].Value;
        return RedirectToPage(new { id });
    }

    private Task<Domain.Grading.ClientGrade> GradeAsync(Guid clientId, CancellationToken ct) =>
        db.Clients.Where(c => c.Id == clientId).Select(c => c.Grade).SingleAsync(ct);

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // One statement: a review has a handful of events and opinions, so their product is a few dozen rows, where split
        // queries cost two more round trips on every view.
        var review = await db.ContractReviews.AsNoTracking().Include(r => r.Events).Include(r => r.Opinions).AsSingleQuery()
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return false;
        }

        Review = review;
        Client = await EvaluationClient.ReadAsync(db, review.ClientId, ct);
        Project = (await ReviewedProject.ReadAsync(db, review.ProjectId, ct))!;
        Timeline = WorkflowTimeline.Of("review-timeline", review.Events, e => e.Kind);
        // Other rounds exist only before a revision or after a rejection; a first round not rejected has none to look up.
        Rounds = review.Round > 1 || review.State == ContractReviewState.Rejected
            ? (await db.ContractReviews.AsNoTracking().Where(r => r.ProjectId == review.ProjectId && r.Id != review.Id)
                    .OrderByDescending(r => r.Round).Select(r => new { r.Id, r.Round, r.State }).ToListAsync(ct))
                .Select(r => (r.Id, r.Round, r.State)).ToList()
            : [];
        var who = WorkflowPeople.Actor(actor, User, Client);
        Actions = review.ActionsFor(who);
        if (ContractReview.Flow.IsOpen(review.State))
        {
            Checks = await checks.RunAsync(review, Project.Checked, clock.UtcNow, ct);
            PassBlocked = review.NotReady(Checks);
        }

        // The forms post the version shown here.
        Input.Version = review.Version;
        ModelState.Remove($"{nameof(Input)}.{nameof(ContractReviewInput.Version)}");
        return true;
    }
}
