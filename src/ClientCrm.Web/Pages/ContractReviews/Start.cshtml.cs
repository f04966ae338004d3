using ClientCrm.Domain.Common;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
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
/// Starts the contract review of a batch (the project page's button, or saving the project in status 合同评审): the form is
/// prefilled from the project's terms; saving it makes the draft the owner completes and submits. A project whose review is
/// going is taken to it; one whose last round was rejected starts the next round from it; an initiated project needs none.
/// For a B client the owner is then asked for an important-information report (seed 000 二.1: 合同签订…及时向公司负责人汇报).
/// </summary>
public sealed class StartModel(CrmDbContext db, ICurrentActor actor, IValidator<ContractReviewInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    public ReviewedProject Project { get; private set; } = null!;
    public EvaluationClient Client { get; private set; } = null!;

    /// <summary>The rejected round the new one revises, if any.</summary>
    public ContractReview? Rejected { get; private set; }

    [BindProperty] public ContractReviewInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        if (await LoadAsync(projectId, ct) is { } elsewhere)
        {
            return elsewhere;
        }

        var project = await db.CooperationProjects.AsNoTracking().SingleAsync(p => p.Id == projectId, ct);
        Input = ContractReviewInput.From(Rejected?.Sections ?? ContractReview.Prefill(project));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid projectId, CancellationToken ct)
    {
        if (await LoadAsync(projectId, ct) is { } elsewhere)
        {
            return elsewhere;
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var project = await db.CooperationProjects.SingleAsync(p => p.Id == projectId, ct);
        var who = WorkflowPeople.Actor(actor, User, Client);
        var now = clock.UtcNow;
        var review = Rejected is null
            ? ContractReview.Start(project, Project.Grade, who, now)
            : ContractReview.Revise(Rejected, project, Project.Grade, who, now);
        review.Edit(Input.ToSections(), who, now);
        db.ContractReviews.Add(review);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["ContractReviews.Done.Start"].Value;
        // A B client's contract review is among the things reported to the leaders (seed 000 二(二)2).
        return Project.Grade == ClientGrade.B
            ? Redirect($"/InformationReports/Ask?projectId={projectId}&reason=ContractReview")
            : RedirectToPage("/ContractReviews/Details", new { id = review.Id });
    }

    /// <summary>A second start beside one going (the one-open-per-project index): someone started it first.</summary>
    public RefusalMessage Duplicate() => new("", "ContractReviews.AlreadyOpen");

    /// <summary>Reads the project and client; a redirect (or 404) when the project has a review going or needs none.</summary>
    private async Task<IActionResult?> LoadAsync(Guid projectId, CancellationToken ct)
    {
        var project = await ReviewedProject.ReadAsync(db, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }

        var latest = await db.ContractReviews.AsNoTracking().Where(r => r.ProjectId == projectId).OrderByDescending(r => r.Round).FirstOrDefaultAsync(ct);
        if (latest is not null && (project.InitiatedAt is not null || latest.State != ContractReviewState.Rejected))
        {
            return RedirectToPage("/ContractReviews/Details", new { id = latest.Id });
        }

        if (project.InitiatedAt is not null)
        {
            TempData["Flash"] = l["ContractReviews.AlreadyInitiated"].Value;
            return RedirectToPage("/Clients/Projects/Details", new { clientId = await ClientOf(projectId, ct), id = projectId });
        }

        Project = project;
        Rejected = latest;
        Client = await EvaluationClient.ReadAsync(db, await ClientOf(projectId, ct), ct);
        return null;
    }

    private Task<Guid> ClientOf(Guid projectId, CancellationToken ct) =>
        db.CooperationProjects.Where(p => p.Id == projectId).Select(p => p.ClientId).SingleAsync(ct);
}
