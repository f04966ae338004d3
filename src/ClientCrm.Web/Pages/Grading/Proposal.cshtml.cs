using System.Globalization;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ClientCrm.Web.Validation;

namespace ClientCrm.Web.Pages.Grading;

/// <summary>
/// One proposed grade change with its figures; the department head (B/C) or a leader (anything with A) confirms it
/// or overrides it with a reason. The domain refuses what the user may not decide, whatever the form offered. While it is
/// pending, the page assesses the client again with today's figures (the same facts query and engine as a run) and shows
/// them beside the run's: confirming is offered, and allowed, only while they still give the proposed grade.
/// </summary>
public sealed class ProposalModel(CrmDbContext db, ICurrentActor actor, IStringLocalizer<SharedResource> l, BusinessClock clock,
    KeptReads kept, ScopeSummaries summaries) : PageModel, IRefusalPage
{
    private (Guid Id, GradeAssessment Current)? _decided;

    public GradeProposal Proposal { get; private set; } = null!;

    /// <summary>What the rules give the client today; null once the proposal is no longer pending.</summary>
    public GradeAssessment? Current { get; private set; }

    /// <summary>Each criterion at the run beside today's (pending proposals only).</summary>
    public IReadOnlyList<CriterionComparison> Comparison { get; private set; } = [];

    public bool Supported { get; private set; }
    public bool FiguresChanged { get; private set; }
    public bool MayConfirm { get; private set; }
    public string ClientName { get; private set; } = "";
    public ClientGrade CurrentGrade { get; private set; }
    public string? CurrentResponsibleLeaderId { get; private set; }
    public bool MayDecide { get; private set; }
    public bool IsLeader { get; private set; }
    public IReadOnlyList<LeaderOption> Leaders { get; private set; } = [];

    [BindProperty] public ClientGrade? OverrideGrade { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ResponsibleLeaderId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var proposal = await db.GradeProposals.AsNoTracking().Include(p => p.Client).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
        {
            return NotFound();
        }

        // Shown, not decided: the client's figures of today are kept like a client page's (KeptReads: until this instance
        // changes anything they are computed from, a minute at most); Confirm and Override read them afresh.
        var facts = await kept.GetOrComputeAsync(actor.Scope, string.Create(CultureInfo.InvariantCulture, $"grading-facts:{proposal.ClientId}:{clock.Today:yyyy-MM-dd}"),
            async token => new KeptFacts(await FactsAsync(proposal, token)), ct);
        await LoadAsync(proposal, GradingEngine.Assess(facts.Facts, await PickLists.GradingThresholdsAsync(db, summaries, ct)), ct);
        // Out of date: the override form starts at the grade today's figures give.
        if (Current is not null && !Supported)
        {
            OverrideGrade ??= Current.Grade;
        }

        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) =>
        DecideAsync(id, (p, decider, current, thresholds, time) => p.Confirm(p.Client!, decider, Blank(ResponsibleLeaderId), current, thresholds, time), ct);

    public Task<IActionResult> OnPostOverrideAsync(Guid id, CancellationToken ct)
    {
        GradingPeople.CheckGradeAndReason(ModelState, l, OverrideGrade, nameof(OverrideGrade), Reason, nameof(Reason));

        return DecideAsync(id, (p, decider, current, thresholds, time) =>
            p.Override(p.Client!, decider, OverrideGrade!.Value, Reason, Blank(ResponsibleLeaderId), current, thresholds, time), ct);
    }

    private async Task<IActionResult> DecideAsync(Guid id, Action<GradeProposal, GradeDecider, GradeAssessment, GradingThresholds, BusinessClock> decide,
        CancellationToken ct)
    {
        var proposal = await db.GradeProposals.Include(p => p.Client).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
        {
            return NotFound();
        }

        if (ResponsibleLeaderId is { Length: > 0 } leaderId && !await GradingPeople.IsLeaderAsync(db, leaderId, ct))
        {
            ModelState.AddModelError(nameof(ResponsibleLeaderId), l["Grading.NotALeader"]);
        }

        // Today's figures, read at the decision: they decide whether confirming is still allowed, and the history keeps them.
        var thresholds = await db.GradingThresholdsAsync(ct);
        var current = await CurrentAsync(proposal, thresholds, ct);
        _decided = (id, current);
        if (ModelState.IsValid)
        {
            decide(proposal, GradingPeople.Decider(actor, User), current, thresholds, clock);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Grading.Decided", proposal.Client!.Name, proposal.FinalGrade!.Value].Value;
            return RedirectToPage("/Clients/Details", new { id = proposal.ClientId });
        }

        await LoadAsync(proposal, current, ct);
        return Page();
    }

    public string? FieldOf(DomainException refusal, string? handler) => refusal?.Code switch
    {
        "Grade.ReasonRequired" => nameof(Reason),
        "Grade.ResponsibleLeaderRequired" => nameof(ResponsibleLeaderId),
        _ => "",
    };

    /// <summary>The proposal as it is saved now (the refused decision changed it in memory only), beside the figures it was judged on.</summary>
    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct)
    {
        var proposal = await db.GradeProposals.AsNoTracking().Include(p => p.Client).FirstAsync(p => p.Id == _decided!.Value.Id, ct);
        await LoadAsync(proposal, _decided!.Value.Current, ct);
        return Page();
    }

    /// <summary>The client assessed with today's facts and thresholds, as a run would assess it now.</summary>
    private async Task<GradeAssessment> CurrentAsync(GradeProposal proposal, GradingThresholds thresholds, CancellationToken ct)
    {
        return GradingEngine.Assess(await FactsAsync(proposal, ct), thresholds);
    }

    private async Task<GradingFacts> FactsAsync(GradeProposal proposal, CancellationToken ct) =>
        // The proposal was read through the scope, so its client is in it.
        await GradingFactsQuery.ForClientAsync(db, proposal.ClientId, clock.Today, ct)
        ?? throw new InvalidOperationException("The client of a proposal in scope is not in scope.");

    private sealed record KeptFacts(GradingFacts Facts);

    private async Task LoadAsync(GradeProposal proposal, GradeAssessment current, CancellationToken ct)
    {
        Proposal = proposal;
        ClientName = proposal.Client!.Name;
        CurrentGrade = proposal.Client.Grade;
        CurrentResponsibleLeaderId = proposal.Client.ResponsibleLeaderId;
        var decider = GradingPeople.Decider(actor, User);
        IsLeader = decider.IsLeader;
        MayDecide = proposal.MayOverride(decider);
        MayConfirm = proposal.MayConfirm(decider, current);
        if (proposal.State == ProposalState.Pending)
        {
            Current = current;
            Comparison = proposal.Compare(current);
            Supported = proposal.IsSupportedBy(current);
            FiguresChanged = Comparison.Any(c => c.Changed);
        }

        if (IsLeader)
        {
            Leaders = await GradingPeople.LeadersAsync(db, ct);
            ResponsibleLeaderId ??= CurrentResponsibleLeaderId ?? actor.UserId;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
