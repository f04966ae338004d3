using System.Globalization;
using System.Text.RegularExpressions;
using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using ClientCrm.Web.Paging;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Accountability;

/// <summary>
/// One accountability case (重大事故问责): what opened it, the department's report with its countermeasures and persons
/// concerned, the leader's decision; its timeline with how long each step took; and the forms of the steps this person may
/// take now, from the case's table. Every handler loads the case through the scoped set (out of scope: 404).
/// </summary>
public sealed partial class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<AccountabilityInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock, ScopeSummaries summaries) : PageModel, IRefusalPage
{
    /// <summary>Blank rows the report form offers beyond those filled in, so it works without script too.</summary>
    public const int BlankRows = 1;

    private Guid _id;
    private int[] _measureRows = [];
    private int[] _personRows = [];

    public AccountabilityCase Case { get; private set; } = null!;
    public EvaluationClient Client { get; private set; } = null!;
    public IReadOnlyList<AccountabilityPenalty> Penalties { get; private set; } = [];
    public WorkflowTimeline Timeline { get; private set; } = new("case-timeline", []);
    public IReadOnlyList<AccountabilityAction> Actions { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty] public AccountabilityInput Input { get; set; } = new();

    public bool Offers(AccountabilityAction action) => Actions.Contains(action);

    /// <summary>The view data key of the penalties a report row offers.</summary>
    public const string PenaltiesKey = "Accountability.Penalties";

    /// <summary>A report row's view data: its field names under <paramref name="prefix"/>, and the penalties to offer.</summary>
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary RowData(Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary page, string prefix) =>
        new(page) { TemplateInfo = { HtmlFieldPrefix = prefix }, [PenaltiesKey] = Penalties };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // A returned report is revised, not typed again.
        Input.FillFrom(Case);
        return Page();
    }

    public Task<IActionResult> OnPostSubmitReportAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccountabilityAction.SubmitReport, ct);

    public Task<IActionResult> OnPostTakeUpAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccountabilityAction.TakeUp, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccountabilityAction.Return, ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccountabilityAction.Decide, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccountabilityAction.Close, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => TakeAsync(id, AccountabilityAction.Note, ct);

    public RefusalMessage Conflict() => new("", "Accountability.ConcurrentUpdate");

    /// <summary>A row's refusal (<c>Persons[1].Penalty</c>) goes next to that row as the form numbers it, blank rows included.</summary>
    public string? FieldOf(DomainException refusal, string? handler)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (refusal.Field is not { } field)
        {
            return null;
        }

        var row = RowField().Match(field);
        if (!row.Success)
        {
            return RefusalFields.In(nameof(Input), field);
        }

        var rows = row.Groups["list"].Value == nameof(AccountabilityInput.Countermeasures) ? _measureRows : _personRows;
        var at = int.Parse(row.Groups["at"].Value, CultureInfo.InvariantCulture);
        var part = row.Groups["part"].Value == nameof(PersonConcernedDraft.Penalty) ? nameof(PersonRow.PenaltyId) : row.Groups["part"].Value;
        return RefusalFields.In(nameof(Input), $"{row.Groups["list"].Value}[{(at < rows.Length ? rows[at] : at)}].{part}");
    }

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(_id, ct) ? Page() : NotFound();

    private async Task<IActionResult> TakeAsync(Guid id, AccountabilityAction action, CancellationToken ct)
    {
        _id = id;
        var found = await db.AccountabilityCases.Include(c => c.Countermeasures).Include(c => c.Persons).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(new DomainException(), ct);
        }

        var client = await db.Clients.Where(c => c.Id == found.ClientId).Select(c => new { c.OwnerId, c.DepartmentId }).SingleAsync(ct);
        var who = await WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        if (action != AccountabilityAction.Note)
        {
            db.Entry(found).Property(c => c.Version).OriginalValue = Input.Version;
        }

        var now = clock.UtcNow;
        switch (action)
        {
            case AccountabilityAction.SubmitReport:
                found.SubmitReport(who, await ReportAsync(ct), now);
                break;
            case AccountabilityAction.TakeUp:
                found.TakeUp(who, now);
                break;
            case AccountabilityAction.Return:
                var days = await db.WorkflowSettings.AsNoTracking().Select(s => s.AccountabilityReportDueDays).SingleAsync(ct);
                found.Return(who, Input.ReturnReason, clock, days);
                break;
            case AccountabilityAction.Decide:
                found.Decide(who, Input.LeaderDecision, now);
                break;
            case AccountabilityAction.Close:
                found.Close(who, Input.CloseComment, now);
                break;
            default:
                found.AddNote(who, Input.Note, now);
                break;
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[$"Accountability.Done.{action}"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>The posted report for the domain: blank rows dropped (their places remembered for the messages), penalties from the list.</summary>
    private async Task<AccountabilityReport> ReportAsync(CancellationToken ct)
    {
        var measures = Input.Countermeasures.Select((r, i) => (Row: r, At: i)).Where(x => !x.Row.IsBlank).ToList();
        var persons = Input.Persons.Select((r, i) => (Row: r, At: i)).Where(x => !x.Row.IsBlank).ToList();
        (_measureRows, _personRows) = (measures.Select(x => x.At).ToArray(), persons.Select(x => x.At).ToArray());
        var chosen = persons.Select(x => x.Row.PenaltyId).OfType<int>().Distinct().ToList();
        var penalties = await db.AccountabilityPenalties.AsNoTracking().Where(p => chosen.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return new AccountabilityReport(Input.CourseOfEvents, Input.Causes, Input.CauseKind,
            measures.Select(x => new CountermeasureDraft(x.Row.Action, x.Row.OwnerName, x.Row.DueOn)).ToList(),
            persons.Select(x => new PersonConcernedDraft(x.Row.Name, x.Row.Role,
                x.Row.PenaltyId is { } p ? penalties.GetValueOrDefault(p) : null)).ToList());
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // The report's rows in one statement with the case (countermeasures × persons: a few dozen rows), the timeline in
        // a second: a split query cost four round trips, and the timeline in the product would multiply the rows by the
        // events, which grow with every note.
        var found = await db.AccountabilityCases.AsNoTracking().AsSingleQuery()
            .Include(c => c.Countermeasures).Include(c => c.Persons)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        var events = await db.AccountabilityEvents.AsNoTracking().Where(e => e.CaseId == id).ToListAsync(ct);

        Case = found;
        Today = clock.Today;
        Client = await EvaluationClient.ReadAsync(db, found.ClientId, ct);
        // Active penalties to choose from, and any inactive one a posted row still names, so nothing chosen disappears.
        var named = Input.Persons.Select(p => p.PenaltyId).OfType<int>().ToList();
        Penalties = (await PickLists.PenaltiesAsync(db, summaries, ct)).Where(p => p.IsActive || named.Contains(p.Id)).ToList();
        Timeline = WorkflowTimeline.Of("case-timeline", events, e => e.Kind);
        var who = WorkflowPeople.Actor(actor, User, Client);
        Actions = found.ActionsFor(who.Is);
        Input.Version = found.Version;
        ModelState.Remove($"{nameof(Input)}.{nameof(AccountabilityInput.Version)}");
        return true;
    }

    [GeneratedRegex(@"^(?<list>Countermeasures|Persons)\[(?<at>\d+)\]\.(?<part>\w+)$")]
    private static partial Regex RowField();
}
