using ClientCrm.Domain.Access;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Grading;

public sealed record RunChangeRow(Guid Id, Guid ClientId, string ClientName, string DepartmentName, ClientGrade From, ClientGrade Proposed,
    ProposalState State, ClientGrade? Final, string? DecidedBy);

/// <summary>The changes one regrade run found (only those of clients in the user's scope).</summary>
public sealed class RunModel(CrmDbContext db, ICurrentActor actor) : PageModel
{
    public const int MaxRows = 500;

    public RunRow Run { get; private set; } = null!;
    public IReadOnlyList<RunChangeRow> Changes { get; private set; } = [];
    public int ChangesInScope { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var run = await db.GradingRuns.AsNoTracking()
            .Where(r => r.Id == id)
            .Where(r => actor.Scope.Level == ScopeLevel.All || r.ScopeLevel == ScopeLevel.All || r.DepartmentId == actor.Scope.DepartmentId)
            .Select(r => new RunRow(r.Id, r.Trigger, r.StartedByName,
                db.Departments.Where(d => d.Id == r.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                r.StartedAt, r.FinishedAt, r.ClientsAssessed, r.ChangesProposed))
            .FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return NotFound();
        }

        Run = run;
        var changes = db.GradeProposals.AsNoTracking().Where(p => p.RunId == id);
        ChangesInScope = await changes.CountAsync(ct);
        Changes = await changes
            .OrderBy(p => p.ProposedGrade).ThenBy(p => p.Client!.Name)
            .Take(MaxRows)
            .Select(p => new RunChangeRow(p.Id, p.ClientId, p.Client!.Name,
                db.Departments.Where(d => d.Id == p.Client.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
                p.FromGrade, p.ProposedGrade, p.State, p.FinalGrade, p.DecidedByName))
            .ToListAsync(ct);
        return Page();
    }
}
