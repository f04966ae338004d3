using System.Globalization;
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
using ClientCrm.Web.Paging;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>
/// One warning (SPEC §7): what raised it, its figures and detailed report, how it was handled, its timeline, and the forms
/// of the steps this user may take now, read from the review table (<see cref="Warning.Review"/>). Every handler loads the
/// warning through the scoped set again (out of scope: 404) and lets the domain take the step, so a post nobody offered is
/// refused (<see cref="RefusalFilter"/> says why) and changes nothing. A rule warning links to the record that caused it,
/// and while its rule still holds for the client (the engine's own evaluation, <see cref="WarningFactsQuery.FindingsAsync"/>)
/// it cannot be resolved or dismissed.
/// </summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<WarningStepInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock, KeptReads kept) : PageModel, IRefusalPage
{
    private IReadOnlyList<RuleFinding>? _findings;
    private Guid _id;
    private WarningAction? _taking;

    public Warning Warning { get; private set; } = null!;
    public string ClientName { get; private set; } = "";
    public string? ClientChineseName { get; private set; }
    public string DepartmentName { get; private set; } = "";

    /// <summary>The timeline, oldest first.</summary>
    public IReadOnlyList<WarningEvent> Timeline { get; private set; } = [];

    /// <summary>What this user may do with the warning now: the forms shown.</summary>
    public IReadOnlyList<WarningAction> Actions { get; private set; } = [];

    public bool IsReviewer { get; private set; }

    /// <summary>The open rule warning's condition still holds: it stays open until its cause is dealt with.</summary>
    public bool ConditionHolds { get; private set; }

    /// <summary>The incident, batch or card change that caused a rule warning; null for one filed by hand.</summary>
    public WarningSourceLink? Source { get; private set; }

    /// <summary>After a refusal, what the user typed for a step whose form is not offered (any more): nothing typed is lost.</summary>
    public string? UnsavedText { get; private set; }

    [BindProperty] public WarningStepInput Step { get; set; } = new();

    public bool Offers(WarningAction action) => Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, prefillReport: true, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningAction.Acknowledge, ct);

    public Task<IActionResult> OnPostInvestigateAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningAction.Investigate, ct);

    public Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningAction.Resolve, ct);

    public Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningAction.Dismiss, ct);

    public Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningAction.Report, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => TakeAsync(id, WarningAction.Note, ct);

    /// <summary>A conflict on a warning says what to do next: look again (the timeline shows what changed).</summary>
    public RefusalMessage Conflict() => new("", "Warnings.ConcurrentUpdate");

    public Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) => RedisplayAsync(ct);

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        // Show the warning as it is now, with everything the user typed still in the form, or beside it when the form is gone.
        if (!await LoadAsync(_id, prefillReport: _taking != WarningAction.Report, ct))
        {
            return NotFound();
        }

        if (_taking is { } action && !Offers(action))
        {
            UnsavedText = Step.TextOf(action);
        }

        return Page();
    }

    private async Task<IActionResult> TakeAsync(Guid id, WarningAction action, CancellationToken ct)
    {
        (_id, _taking) = (id, action);
        var warning = await db.Warnings.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return NotFound();
        }

        var who = WarningPeople.Actor(actor, User);
        var findings = await FindingsAsync(warning, ct);
        // The texts are checked only for a step this user may take; otherwise the domain says why not (reviewers only, closed,
        // the condition still holds…).
        if (warning.May(action, who, findings))
        {
            (await validator.ValidateAsync(Step, o => o.IncludeRuleSets(action.ToString()), ct)).AddToModelState(ModelState, nameof(Step));
        }

        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(ct);
        }

        // A note only adds a line, so it never conflicts with what others did since the page was opened.
        if (action != WarningAction.Note)
        {
            db.Entry(warning).Property(w => w.Version).OriginalValue = Step.Version;
        }

        warning.Take(action, who, Step.ToTexts(), findings, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[$"Warnings.Done.{action}"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// The rules that hold for the warning's client now, read once per request; only an open rule warning needs them (a closed
    /// one is past closing, a filed one no rule can see).
    /// </summary>
    private async Task<IReadOnlyList<RuleFinding>> FindingsAsync(Warning warning, CancellationToken ct)
    {
        if (_findings is not null || warning.Rule is null || warning.IsClosed)
        {
            return _findings ??= [];
        }

        // A step is decided on the rules as they hold now. Only shown, they are kept like a client page's reads
        // (KeptReads: until this instance changes anything they are computed from, a minute at most).
        var today = clock.Today;
        _findings = HttpMethods.IsGet(Request.Method)
            ? (await kept.GetOrComputeAsync(actor.Scope, string.Create(CultureInfo.InvariantCulture, $"warning-findings:{warning.ClientId}:{today:yyyy-MM-dd}"),
                async token => new KeptFindings(await WarningFactsQuery.FindingsAsync(db, warning.ClientId, today, token)), ct)).Findings
            : await WarningFactsQuery.FindingsAsync(db, warning.ClientId, today, ct);
        return _findings;
    }

    private sealed record KeptFindings(IReadOnlyList<RuleFinding> Findings);

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
        Actions = warning.ActionsFor(who, findings);
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
