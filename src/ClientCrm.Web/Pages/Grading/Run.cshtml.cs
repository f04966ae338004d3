using ClientCrm.Domain.Access;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Grading;

public sealed record RunChangeRow(Guid Id, Guid ClientId, string ClientName, string DepartmentName, ClientGrade From, ClientGrade Proposed,
    ProposalState State, ClientGrade? Final, string? DecidedBy);

/// <summary>The changes one regrade run found (only those of clients in the user's scope).</summary>
public sealed class RunModel(CrmDbContext db, ICurrentActor actor) : KeysetListModel
{
    public const int PageSize = 100;

    public RunRow Run { get; private set; } = null!;
    public IReadOnlyList<RunChangeRow> Changes { get; private set; } = [];
    public Tally ChangesInScope { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var run = await db.GradingRuns.AsNoTracking()
            .Where(r => r.Id == id)
            .Where(r => actor.Scope.Level == ScopeLevel.All || r.ScopeLevel == ScopeLevel.All || r.DepartmentId == actor.Scope.DepartmentId)
            .GroupJoin(db.Departments, r => r.DepartmentId, d => d.Id, (r, d) => new { r, d })
            .SelectMany(x => x.d.DefaultIfEmpty(), (x, d) => new RunRow(x.r.Id, x.r.Trigger, x.r.StartedByName, d!.Name,
                x.r.StartedAt, x.r.FinishedAt, x.r.ClientsAssessed, x.r.ChangesProposed))
            .FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return NotFound();
        }

        Run = run;
        var changes = db.GradeProposals.AsNoTracking().Where(p => p.RunId == id);
        ChangesInScope = await changes.TallyAsync(ct);
        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Enum<ClientGrade>(0), c.Id(1));
            return c;
        });
        // By proposed grade (A first), then by id: the run's index (RunId, ProposedGrade, Id) reads a page at any depth.
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek =>
                from p in Ordered(changes, cursor, seek)
                join d in db.Departments on p.Client!.DepartmentId equals d.Id into departments
                from d in departments.DefaultIfEmpty()
                select new RunChangeRow(p.Id, p.ClientId, p.Client!.Name, d.Name ?? "", p.FromGrade, p.ProposedGrade, p.State, p.FinalGrade,
                    p.DecidedByName),
            r => Cursor.Encode(r.Proposed, r.Id), ct);
        Changes = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal));
        return Page();
    }

    private static IQueryable<GradeProposal> Ordered(IQueryable<GradeProposal> query, Cursor? cursor, Seek seek)
    {
        if (cursor is not null && seek != Seek.First)
        {
            var (grade, id) = (cursor.Enum<ClientGrade>(0), cursor.Id(1));
            return seek == Seek.After
                ? query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.ProposedGrade, p.Id), ValueTuple.Create(grade, id)))
                    .OrderBy(p => p.ProposedGrade).ThenBy(p => p.Id)
                : query.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.ProposedGrade, p.Id), ValueTuple.Create(grade, id)))
                    .OrderByDescending(p => p.ProposedGrade).ThenByDescending(p => p.Id);
        }

        return query.OrderBy(p => p.ProposedGrade).ThenBy(p => p.Id);
    }
}
