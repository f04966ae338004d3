using ClientCrm.Domain.Common;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.InformationReports;

/// <summary>
/// One important-information report (SPEC §5.1): what was learned, from where and when; the head's comment, the leader's
/// instruction; its timeline with how long each step took; the forms of the steps this person may take now, from the report's
/// table; and, for a report on a prospect, linking it to the client by hand. Every handler loads the report through the
/// scoped set (out of scope: 404).
/// </summary>
public sealed class DetailsModel(CrmDbContext db, ICurrentActor actor, IValidator<ReportInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    /// <summary>At most this many clients are offered to link a prospect's report to.</summary>
    public const int LinkCandidates = 20;

    private Guid _id;

    public InformationReport Report { get; private set; } = null!;
    public string? DepartmentName { get; private set; }
    public (Guid Id, Guid ClientId, string Name)? Project { get; private set; }
    public WorkflowTimeline Timeline { get; private set; } = new("report-timeline", []);
    public IReadOnlyList<InformationReportAction> Actions { get; private set; } = [];
    public bool MayLink { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Candidates { get; private set; } = [];

    [BindProperty] public ReportInput Input { get; set; } = new();

    public bool Offers(InformationReportAction action) => Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostForwardAsync(Guid id, CancellationToken ct) => TakeAsync(id, InformationReportAction.Forward, ct);

    public Task<IActionResult> OnPostInstructAsync(Guid id, CancellationToken ct) => TakeAsync(id, InformationReportAction.Instruct, ct);

    public Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct) => TakeAsync(id, InformationReportAction.Read, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => TakeAsync(id, InformationReportAction.Note, ct);

    /// <summary>A head or leader links a prospect's report to a client they see.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken ct)
    {
        _id = id;
        var report = await db.InformationReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return NotFound();
        }

        var client = Input.LinkClientId is { } clientId ? await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct) : null;
        if (client is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ReportInput.LinkClientId)}", l["InformationReports.LinkClientRequired"]);
            return await RedisplayAsync(new DomainException(), ct);
        }

        var who = await ReportPeople.ActorAsync(db, actor, User, report.ReporterId, await ReportPeople.DepartmentOfAsync(db, report, ct), ct);
        db.Entry(report).Property(r => r.Version).OriginalValue = Input.Version;
        report.LinkToClient(client, who, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["InformationReports.Done.Link"].Value;
        return RedirectToPage(new { id });
    }

    public RefusalMessage Conflict() => new("", "InformationReports.ConcurrentUpdate");

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(_id, ct) ? Page() : NotFound();

    private async Task<IActionResult> TakeAsync(Guid id, InformationReportAction action, CancellationToken ct)
    {
        _id = id;
        var report = await db.InformationReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(new DomainException(), ct);
        }

        var who = await ReportPeople.ActorAsync(db, actor, User, report.ReporterId, await ReportPeople.DepartmentOfAsync(db, report, ct), ct);
        if (action != InformationReportAction.Note)
        {
            db.Entry(report).Property(r => r.Version).OriginalValue = Input.Version;
        }

        var now = clock.UtcNow;
        switch (action)
        {
            case InformationReportAction.Forward:
                report.Forward(who, Input.ForwardComment, now);
                break;
            case InformationReportAction.Instruct:
                report.Instruct(who, Input.Instruction, now);
                break;
            case InformationReportAction.Read:
                report.MarkRead(who, now);
                break;
            default:
                report.AddNote(who, Input.Note, now);
                break;
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[$"InformationReports.Done.{action}"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var report = await db.InformationReports.AsNoTracking().Include(r => r.Events).Include(r => r.Client).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return false;
        }

        Report = report;
        var department = await ReportPeople.DepartmentOfAsync(db, report, ct);
        DepartmentName = department is { } d ? await db.Departments.Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        if (report.ProjectId is { } projectId)
        {
            Project = await db.CooperationProjects.Where(p => p.Id == projectId).Select(p => new { p.Id, p.ClientId, p.Name })
                .Select(p => new ValueTuple<Guid, Guid, string>(p.Id, p.ClientId, p.Name)).FirstOrDefaultAsync(ct);
        }

        Timeline = WorkflowTimeline.Of("report-timeline", report.Events, e => e.Kind);
        var who = await ReportPeople.ActorAsync(db, actor, User, report.ReporterId, department, ct);
        Actions = report.ActionsFor(who.Is);
        MayLink = report.ClientId is null && (who.Is & InformationReport.LinkedBy) != 0;
        if (MayLink)
        {
            Candidates = await CandidatesAsync(report, ct);
        }

        Input.Version = report.Version;
        ModelState.Remove($"{nameof(Input)}.{nameof(ReportInput.Version)}");
        return true;
    }

    /// <summary>
    /// Clients the person sees in the prospect's country whose name holds the prospect's first word (the trigram index on the
    /// name answers it), the closest names first.
    /// </summary>
    private async Task<IReadOnlyList<(Guid Id, string Name)>> CandidatesAsync(InformationReport report, CancellationToken ct)
    {
        var word = (report.ProspectName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var pattern = "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var rows = await db.Clients.AsNoTracking()
            .Where(c => c.CountryCode == report.ProspectCountryCode && EF.Functions.ILike(c.Name, pattern))
            .OrderBy(c => c.Name).Take(LinkCandidates)
            .Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }
}
