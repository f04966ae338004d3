using ClientCrm.Domain.Common;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.InformationReports;

/// <summary>
/// Seed 000 二 2: a B client's project that enters contract review, is signed, or gets a trade test (考工) asks for an
/// important-information report (<see cref="ReportPrompt"/>). This page says why, and offers the client's recent reports to link
/// to the project, or a report prefilled from the project's terms (<see cref="CreateModel"/>). The project is read through
/// the scope (out of scope: 404).
/// </summary>
public sealed class AskModel(CrmDbContext db, ICurrentActor actor, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    /// <summary>The client's latest reports offered to link, newest first.</summary>
    public const int Recent = 10;

    [BindProperty(SupportsGet = true)] public Guid ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public ReportPromptReason? Reason { get; set; }

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";
    public string ProjectName { get; private set; } = "";
    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];

    /// <summary>The reports already linked to this project.</summary>
    public IReadOnlyList<ReportRow> Linked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Links one of the client's reports to the project.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid reportId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var report = await db.InformationReports.FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return NotFound();
        }

        var who = await ReportPeople.ActorAsync(db, actor, User, report.ReporterId, await ReportPeople.DepartmentOfAsync(db, report, ct), ct);
        report.LinkToProject(ProjectId, ClientId, Reason!.Value, who, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["InformationReports.Done.LinkProject"].Value;
        return RedirectToPage("/Clients/Projects/Details", new { clientId = ClientId, id = ProjectId });
    }

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Reason is not { } reason || !Enum.IsDefined(reason))
        {
            return false;
        }

        var project = await db.CooperationProjects.AsNoTracking().Where(p => p.Id == ProjectId)
            .Select(p => new { p.Id, p.Name, p.ClientId, ClientName = p.Client!.Name }).FirstOrDefaultAsync(ct);
        if (project is null)
        {
            return false;
        }

        (ClientId, ClientName, ProjectName) = (project.ClientId, project.ClientName, project.Name);
        var rows = await db.InformationReports.AsNoTracking()
            .Where(r => r.ClientId == project.ClientId && (r.ProjectId == null || r.ProjectId == ProjectId))
            .OrderByDescending(r => r.LearnedOn).ThenByDescending(r => r.Id).Take(Recent)
            .Select(r => new { r.ProjectId, Row = new ReportRow(r.Id, r.ClientId, project.ClientName, null, r.Category, r.LearnedOn, r.ReporterName, r.State,
                r.StateSince, r.EscalatedAt != null) })
            .ToListAsync(ct);
        Reports = rows.Where(r => r.ProjectId is null).Select(r => r.Row).ToList();
        Linked = rows.Where(r => r.ProjectId is not null).Select(r => r.Row).ToList();
        return true;
    }
}
