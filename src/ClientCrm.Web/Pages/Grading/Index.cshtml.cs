using System.Globalization;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using ClientCrm.Web.Paging;
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
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, RegradeService regrade, ScopeSummaries summaries,
    IStringLocalizer<SharedResource> l, KeptReads keptReads) : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public int? Department { get; set; }

    /// <summary>Only the proposals this user may decide (a head: those without grade A).</summary>
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    public IReadOnlyList<ProposalRow> Pending { get; private set; } = [];
    /// <summary>The pending proposals this list shows: the kept count of the scope, or, filtered, a count that stops at a cap.</summary>
    public Tally PendingTotal { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
    public IReadOnlyList<RunRow> Runs { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public bool IsLeader { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var decider = GradingPeople.Decider(actor, User);
        IsLeader = decider.IsLeader;
        var pending = db.GradeProposals.AsNoTracking().Where(p => p.State == ProposalState.Pending);
        var filtered = false;
        if (Department is { } department)
        {
            pending = pending.Where(p => p.Client!.DepartmentId == department);
            filtered = true;
        }

        if (Mine && !decider.IsLeader)
        {
            pending = pending.Where(p => p.FromGrade != ClientGrade.A && p.ProposedGrade != ClientGrade.A);
            filtered = true;
        }

        PendingTotal = filtered ? await pending.TallyAsync(ct) : new Tally(await PendingProposals.CountAsync(db, actor.Scope, summaries, ct), false);

        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Id(1));
            return c;
        });
        Task<KeysetPage<ProposalRow>> Read(CancellationToken token) => Keyset.PageAsync(Paging, cursor is not null, PageSize, seek =>
                from p in OldestFirst(pending, cursor, seek)
                join d in db.Departments on p.Client!.DepartmentId equals d.Id into departments
                from d in departments.DefaultIfEmpty()
                select new ProposalRow(p.Id, p.ClientId, p.Client!.Name, d.Name ?? "", p.FromGrade, p.ProposedGrade, p.CreatedAt, false),
            r => Cursor.Encode(r.CreatedAt, r.Id), token);
        // The first page is kept (KeptReads) until a proposal or client changes: a head's pending proposals are found
        // through the department's clients, a walk over all pending ones.
        var page = cursor is null
            ? await keptReads.GetOrComputeAsync(actor.Scope, string.Create(CultureInfo.InvariantCulture, $"grading-pending:{Department}:{Mine}"), Read, ct)
            : await Read(ct);
        Pending = page.Rows.Select(r => r with { MayDecide = GradeDecisionRules.MayDecide(decider.IsLeader, decider.IsDepartmentHead, r.From, r.Proposed) })
            .ToList();
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["department"] = Department?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mine"] = Mine ? "true" : null,
        });

        var runs = db.GradingRuns.AsNoTracking();
        if (actor.Scope.Level != ScopeLevel.All)
        {
            // A head sees the runs that covered their department: their own department's and the company-wide ones.
            runs = runs.Where(r => r.ScopeLevel == ScopeLevel.All || r.DepartmentId == actor.Scope.DepartmentId);
        }

        Runs = await (
                from r in runs.OrderByDescending(r => r.StartedAt).Take(10)
                join d in db.Departments on r.DepartmentId equals d.Id into departments
                from d in departments.DefaultIfEmpty()
                orderby r.StartedAt descending
                select new RunRow(r.Id, r.Trigger, r.StartedByName, d.Name, r.StartedAt, r.FinishedAt, r.ClientsAssessed, r.ChangesProposed))
            .ToListAsync(ct);

        if (IsLeader)
        {
            Departments = await PickLists.DepartmentsAsync(db, summaries, ct);
        }
    }

    private static IQueryable<GradeProposal> OldestFirst(IQueryable<GradeProposal> query, Cursor? cursor, Seek seek)
    {
        if (cursor is not null && seek != Seek.First)
        {
            var (at, id) = (cursor.Time(0), cursor.Id(1));
            return seek == Seek.After
                ? query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.CreatedAt, p.Id), ValueTuple.Create(at, id)))
                    .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
                : query.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.CreatedAt, p.Id), ValueTuple.Create(at, id)))
                    .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
        }

        return query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id);
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
            // Stays a catch: the run button has no field, and the refusal (who may run) is said at the top after a redirect, so
            // reloading the page does not start a run again.
            TempData["FlashError"] = l[ex.Code].Value;
            return RedirectToPage();
        }
    }
}
