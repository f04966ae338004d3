using System.Globalization;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>
/// The review queue (SPEC §7, §9 department review queue): warnings nobody has acknowledged yet, most urgent first (high
/// severity, then the earliest acknowledgement due date), with how long each has waited and when it is due. A department head sees their department's (the context's scope), a leader the company's. Staff do not
/// review warnings, so the page is refused to them.
/// </summary>
[Authorize(Policy = Setup.WebServices.ReviewersPolicy)]
public sealed class ReviewModel(CrmDbContext db, ICurrentActor actor, TimeProvider clock, ScopeSummaries summaries,
    KeptReads keptReads) : KeysetListModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public int? Department { get; set; }

    public IReadOnlyList<WarningRow> Rows { get; private set; } = [];
    public Tally Total { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
    public DateTimeOffset Now { get; private set; }
    public bool ShowDepartmentFilter => actor.Scope.Level == ScopeLevel.All;
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];

    /// <summary>Days after which an unacknowledged warning goes to the leaders (a setting).</summary>
    public int EscalateAfterDays { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var query = db.Warnings.AsNoTracking().Where(w => w.State == WarningState.Open);
        if (ShowDepartmentFilter && Department is { } department)
        {
            query = query.Where(w => w.Client!.DepartmentId == department);
        }

        Total = !ShowDepartmentFilter || Department is null
            ? new Tally((await summaries.GetAsync("warnings-to-review", actor.Scope,
                token => db.Warnings.CountAsync(w => w.State == WarningState.Open, token), ct)).Value, false)
            : await query.TallyAsync(ct);
        var cursor = WarningRow.ReadCursor(Paging.Token);
        Task<KeysetPage<WarningRow>> Read(CancellationToken token) => Keyset.PageAsync(Paging, cursor is not null, PageSize,
            seek => WarningRow.Project(WarningRow.MostUrgentFirst(query, cursor, seek, PageSize + 1), db), r => r.CursorText, token);
        // The first page is kept (KeptReads) until a warning or client changes: a department's warnings are found through
        // its clients.
        var page = cursor is null
            ? await keptReads.GetOrComputeAsync(actor.Scope, KeptReads.Key("warning-review", RouteWith()), Read, ct)
            : await Read(ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, RouteWith());
        EscalateAfterDays = await db.WarningSettings.AsNoTracking().Select(s => s.EscalateAfterDays).SingleAsync(ct);

        if (ShowDepartmentFilter)
        {
            Departments = await PickLists.DepartmentsAsync(db, summaries, ct);
        }
    }

    public Dictionary<string, string?> RouteWith() => new(StringComparer.Ordinal)
    {
        ["department"] = Department?.ToString(CultureInfo.InvariantCulture),
    };
}
