using ClientCrm.Infrastructure.Grading;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Warnings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Grading;

/// <summary>
/// One proposed grade change with its figures; the department head (B/C) or a leader (anything with A) confirms it
/// or overrides it with a reason. The domain refuses what the user may not decide, whatever the form offered.
/// </summary>
public sealed class ProposalModel(CrmDbContext db, ICurrentActor actor, WarningTriggers warnings, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel
{
    public GradeProposal Proposal { get; private set; } = null!;
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

        await LoadAsync(proposal, ct);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) =>
        DecideAsync(id, (p, decider, thresholds, time) => p.Confirm(p.Client!, decider, Blank(ResponsibleLeaderId), thresholds, time), ct);

    public Task<IActionResult> OnPostOverrideAsync(Guid id, CancellationToken ct)
    {
        GradingPeople.CheckGradeAndReason(ModelState, l, OverrideGrade, nameof(OverrideGrade), Reason, nameof(Reason));

        return DecideAsync(id, (p, decider, thresholds, time) =>
            p.Override(p.Client!, decider, OverrideGrade!.Value, Reason, Blank(ResponsibleLeaderId), thresholds, time), ct);
    }

    private async Task<IActionResult> DecideAsync(Guid id, Action<GradeProposal, GradeDecider, GradingThresholds, BusinessClock> decide, CancellationToken ct)
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

        if (ModelState.IsValid)
        {
            try
            {
                decide(proposal, GradingPeople.Decider(actor, User), await db.GradingThresholdsAsync(ct), clock);
                await db.SaveChangesAsync(ct);
                // The grade decides the no-new-batch rule and the severity of new warnings.
                await warnings.ClientDataChangedAsync(proposal.ClientId, ct);
                TempData["Flash"] = l["Grading.Decided", proposal.Client!.Name, proposal.FinalGrade!.Value].Value;
                return RedirectToPage("/Clients/Details", new { id = proposal.ClientId });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(ex.Code == "Grade.ReasonRequired" ? nameof(Reason)
                    : ex.Code == "Grade.ResponsibleLeaderRequired" ? nameof(ResponsibleLeaderId) : "", l[ex.Code]);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", l["Common.ConcurrentEdit"]);
            }
        }

        await LoadAsync(proposal, ct);
        return Page();
    }

    private async Task LoadAsync(GradeProposal proposal, CancellationToken ct)
    {
        Proposal = proposal;
        ClientName = proposal.Client!.Name;
        CurrentGrade = proposal.Client.Grade;
        CurrentResponsibleLeaderId = proposal.Client.ResponsibleLeaderId;
        var decider = GradingPeople.Decider(actor, User);
        IsLeader = decider.IsLeader;
        MayDecide = proposal.State == ProposalState.Pending && proposal.MayBeDecidedBy(decider);
        if (IsLeader)
        {
            Leaders = await GradingPeople.LeadersAsync(db, ct);
            ResponsibleLeaderId ??= CurrentResponsibleLeaderId ?? actor.UserId;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
