using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Grading;

public sealed record ProposalRow(Guid Id, Guid ClientId, string ClientName, string DepartmentName, ClientGrade From, ClientGrade Proposed,
    DateTimeOffset CreatedAt, bool MayDecide);

public sealed record RunRow(Guid Id, GradingTrigger Trigger, string? StartedBy, string? DepartmentName, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, int ClientsAssessed, int ChangesProposed);

/// <summary>
/// 客户分类评审: start a regrade run over the user's scope, and the proposals waiting for a decision — department heads
/// decide B/C changes of their department, leaders anything that involves A.
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, RegradeService regrade, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxRows = 200;

    [BindProperty(SupportsGet = true)] public int? Department { get; set; }

    public IReadOnlyList<ProposalRow> Pending { get; private set; } = [];
    public int PendingTotal { get; private set; }
    public IReadOnlyList<RunRow> Runs { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public bool IsLeader { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var decider = GradingPeople.Decider(actor, User);
        IsLeader = decider.IsLeader;
        var pending = db.GradeProposals.AsNoTracking().Where(p => p.State == ProposalState.Pending);
        if (Department is { } department)
        {
            pending = pending.Where(p => p.Client!.DepartmentId == department);
        }

        PendingTotal = await pending.CountAsync(ct);
        var rows = await pending
            // Changes this user can decide first, the oldest first.
            .OrderBy(p => p.FromGrade == ClientGrade.A || p.ProposedGrade == ClientGrade.A ? (decider.IsLeader ? 0 : 1) : 0)
            .ThenBy(p => p.CreatedAt).ThenBy(p => p.Client!.Name)
            .Take(MaxRows)
            .Select(p => new
            {
                p.Id, p.ClientId, p.Client!.Name,
                DepartmentName = db.Departments.Where(d => d.Id == p.Client.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
                p.FromGrade, p.ProposedGrade, p.CreatedAt,
            })
            .ToListAsync(ct);
        Pending = rows.Select(r => new ProposalRow(r.Id, r.ClientId, r.Name, r.DepartmentName, r.FromGrade, r.ProposedGrade, r.CreatedAt,
            GradeDecisionRules.MayDecide(decider.IsLeader, decider.IsDepartmentHead, r.FromGrade, r.ProposedGrade))).ToList();

        var runs = db.GradingRuns.AsNoTracking();
        if (actor.Scope.Level != ScopeLevel.All)
        {
            // A head sees the runs that covered their department: their own department's and the company-wide ones.
            runs = runs.Where(r => r.ScopeLevel == ScopeLevel.All || r.DepartmentId == actor.Scope.DepartmentId);
        }

        Runs = await runs.OrderByDescending(r => r.StartedAt).Take(10)
            .Select(r => new RunRow(r.Id, r.Trigger, r.StartedByName,
                db.Departments.Where(d => d.Id == r.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                r.StartedAt, r.FinishedAt, r.ClientsAssessed, r.ChangesProposed))
            .ToListAsync(ct);

        if (IsLeader)
        {
            Departments = (await db.Departments.OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
                .Select(d => (d.Id, d.Name)).ToList();
        }
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        try
        {
            var run = await regrade.RunAsync(GradingTrigger.Manual, ct);
            TempData["Flash"] = l["Grading.RunDone", run!.ClientsAssessed, run.ChangesProposed].Value;
            return RedirectToPage("Run", new { id = run.Id });
        }
        catch (DomainException ex)
        {
            TempData["FlashError"] = l[ex.Code].Value;
            return RedirectToPage();
        }
    }
}
