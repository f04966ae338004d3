using ClientCrm.Domain.Common;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>
/// One warning (SPEC §7): what raised it, its figures and detailed report, how it was handled, its timeline, and the forms
/// of the steps this user may take. The forms are only offered to whom the workflow allows; every handler loads the
/// warning through the scoped set again (out of scope: 404) and lets the domain decide, so a post nobody offered changes
/// nothing. A rule warning links to the record that caused it, and while its rule still holds for the client (the engine's
/// own evaluation, <see cref="WarningFactsQuery.FindingsAsync"/>) it cannot be resolved or dismissed.
/// </summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<WarningStepInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel
{
    private IReadOnlyList<RuleFinding>? _findings;

    public Warning Warning { get; private set; } = null!;
    public string ClientName { get; private set; } = "";
    public string? ClientChineseName { get; private set; }
    public string DepartmentName { get; private set; } = "";

    /// <summary>The timeline, oldest first.</summary>
    public IReadOnlyList<WarningEvent> Timeline { get; private set; } = [];

    public bool MayAcknowledge { get; private set; }
    public bool MayStartInvestigation { get; private set; }
    public bool MayResolve { get; private set; }
    public bool MayDismiss { get; private set; }
    public bool MayWriteReport { get; private set; }
    public bool IsReviewer { get; private set; }

    /// <summary>The open rule warning's condition still holds: it stays open until its cause is dealt with.</summary>
    public bool ConditionHolds { get; private set; }

    /// <summary>The incident, batch or card change that caused a rule warning; null for one filed by hand.</summary>
    public WarningSourceLink? Source { get; private set; }

    /// <summary>After a conflict, what the user typed for a step whose form is no longer offered (someone else took it).</summary>
    public string? UnsavedText { get; private set; }

    [BindProperty] public WarningStepInput Step { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, prefillReport: true, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningStep.Acknowledge, ct);

    public Task<IActionResult> OnPostInvestigateAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningStep.Investigate, ct);

    public Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningStep.Resolve, ct);

    public Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningStep.Dismiss, ct);

    public Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningStep.Report, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningStep.Note, ct);

    private async Task<IActionResult> TakeAsync(Guid id, WarningStep step, CancellationToken ct)
    {
        var warning = await db.Warnings.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return NotFound();
        }

        var who = WarningPeople.Actor(actor, User);
        var findings = await FindingsAsync(warning, ct);
        // The texts are checked only for a step this user may take; otherwise the domain says why not (reviewers only, closed,
        // the condition still holds…).
        if (Allowed(warning, step, who, findings))
        {
            (await validator.ValidateAsync(Step, o => o.IncludeRuleSets(step.ToString()), ct)).AddToModelState(ModelState, nameof(Step));
        }

        var conflict = false;
        if (ModelState.IsValid)
        {
            try
            {
                // A note only adds a line, so it never conflicts with what others did since the page was opened.
                if (step != WarningStep.Note)
                {
                    db.Entry(warning).Property(w => w.Version).OriginalValue = Step.Version;
                }

                Apply(warning, step, who, findings, clock.UtcNow);
                await db.SaveChangesAsync(ct);
                TempData["Flash"] = l[$"Warnings.Done.{step}"].Value;
                return RedirectToPage(new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddDomainError(ex, nameof(Step), code => WarningStepInput.FieldOf(code, step), l);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, l["Warnings.ConcurrentUpdate"]);
                conflict = true;
            }
        }

        // Show the warning as it is now, with everything the user typed still in the form.
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, prefillReport: step != WarningStep.Report, ct))
        {
            return NotFound();
        }

        if (conflict && !Offered(step))
        {
            UnsavedText = Step.TextOf(step);
        }

        return Page();
    }

    private static bool Allowed(Warning warning, WarningStep step, WarningActor who, IReadOnlyList<RuleFinding> findings) => step switch
    {
        WarningStep.Acknowledge => warning.MayAcknowledge(who),
        WarningStep.Investigate => warning.MayStartInvestigation(who),
        WarningStep.Resolve => warning.MayResolve(who, findings),
        WarningStep.Dismiss => warning.MayDismiss(who, findings),
        WarningStep.Report => !warning.IsClosed,
        _ => true,
    };

    /// <summary>
    /// The rules that hold for the warning's client now, read once per request; only an open rule warning needs them (a closed
    /// one is past closing, a filed one no rule can see).
    /// </summary>
    private async Task<IReadOnlyList<RuleFinding>> FindingsAsync(Warning warning, CancellationToken ct) =>
        _findings ??= warning.Rule is null || warning.IsClosed ? [] : await WarningFactsQuery.FindingsAsync(db, warning.ClientId, clock.Today, ct);

    private void Apply(Warning warning, WarningStep step, WarningActor who, IReadOnlyList<RuleFinding> findings, DateTimeOffset now)
    {
        switch (step)
        {
            case WarningStep.Acknowledge:
                warning.Acknowledge(who, Step.Actions, now);
                break;
            case WarningStep.Investigate:
                warning.StartInvestigation(who, Step.InvestigationNote, now);
                break;
            case WarningStep.Resolve:
                warning.Resolve(who, Step.Cause, Step.Measures, findings, now);
                break;
            case WarningStep.Dismiss:
                warning.Dismiss(who, Step.DismissReason, findings, now);
                break;
            case WarningStep.Report:
                warning.WriteReport(who, Step.Report, now);
                break;
            default:
                warning.AddNote(who, Step.Note, now);
                break;
        }
    }

    private bool Offered(WarningStep step) => step switch
    {
        WarningStep.Acknowledge => MayAcknowledge,
        WarningStep.Investigate => MayStartInvestigation,
        WarningStep.Resolve => MayResolve,
        WarningStep.Dismiss => MayDismiss,
        WarningStep.Report => MayWriteReport,
        // A note: anyone who sees the warning may add one, at any time.
        _ => true,
    };

    private async Task<bool> LoadAsync(Guid id, bool prefillReport, CancellationToken ct)
    {
        var warning = await db.Warnings.AsNoTracking().Include(w => w.Events).FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return false;
        }

        Warning = warning;
        Timeline = warning.Events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var client = await db.Clients.Where(c => c.Id == warning.ClientId)
            .Select(c => new
            {
                c.Name, c.ChineseName,
                Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .FirstAsync(ct);
        (ClientName, ClientChineseName, DepartmentName) = (client.Name, client.ChineseName, client.Department ?? "");

        var who = WarningPeople.Actor(actor, User);
        var findings = await FindingsAsync(warning, ct);
        IsReviewer = who.Reviews;
        ConditionHolds = !warning.IsClosed && warning.StillHolds(findings);
        MayAcknowledge = warning.MayAcknowledge(who);
        MayStartInvestigation = warning.MayStartInvestigation(who);
        MayResolve = warning.MayResolve(who, findings);
        MayDismiss = warning.MayDismiss(who, findings);
        MayWriteReport = !warning.IsClosed;
        Source = await WarningSourceLinks.DescribeAsync(db, l, clock, warning.ClientId, warning.Source, ct);

        // The forms post the version shown here; a later step by someone else makes the next post a conflict, not an overwrite.
        Step.Version = warning.Version;
        ModelState.Remove($"{nameof(Step)}.{nameof(WarningStepInput.Version)}");
        if (prefillReport)
        {
            Step.Report = warning.Report;
        }

        return true;
    }
}
