using System.Globalization;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>
/// The warnings in the user's scope (SPEC §7, §9 company view): a leader sees the company, with a department filter; a
/// department head their department; staff their own clients. By default the open ones, most urgent first (high severity,
/// then the earliest due: <see cref="WarningRow.MostUrgentFirst"/>); "escalated only" is the leaders' overdue list.
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, TimeProvider clock, ScopeSummaries summaries,
    KeptReads keptReads) : KeysetListModel
{
    public const int PageSize = 25;

    /// <summary>The state filter's values besides the state names.</summary>
    public const string OpenStates = "open";
    public const string AllStates = "all";

    [BindProperty(SupportsGet = true)] public WarningFamily? Family { get; set; }
    [BindProperty(SupportsGet = true)] public WarningSeverity? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string State { get; set; } = OpenStates;
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }
    [BindProperty(SupportsGet = true)] public bool Escalated { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ClientId { get; set; }

    public IReadOnlyList<WarningRow> Rows { get; private set; } = [];
    public Tally Total { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public bool ShowDepartmentFilter => actor.Scope.Level == ScopeLevel.All;

    /// <summary>The client of the client filter, when it is in scope.</summary>
    public string? ClientName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var query = db.Warnings.AsNoTracking();
        var (openOnly, oneState) = ParseState();
        if (openOnly)
        {
            query = query.WhereOpen();
        }
        else if (oneState is { } state)
        {
            query = query.Where(w => w.State == state);
        }

        if (Family is { } family)
        {
            query = query.Where(w => w.Family == family);
        }

        if (Severity is { } severity)
        {
            query = query.Where(w => w.Severity == severity);
        }

        if (ShowDepartmentFilter && Department is { } department)
        {
            query = query.Where(w => w.Client!.DepartmentId == department);
        }

        if (Escalated)
        {
            query = query.Where(w => w.EscalatedAt != null);
        }

        if (ClientId is { } clientId)
        {
            query = query.Where(w => w.ClientId == clientId);
            ClientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        }

        // The default view (every open warning in scope) is counted once for a while; a filtered one stops at a cap.
        Total = openOnly && Family is null && Severity is null && (!ShowDepartmentFilter || Department is null) && !Escalated && ClientId is null
            ? new Tally((await summaries.GetAsync("open-warnings", actor.Scope, token => db.Warnings.WhereOpen().CountAsync(token), ct)).Value, false)
            : await query.TallyAsync(ct);
        var cursor = WarningRow.ReadCursor(Paging.Token);
        Task<KeysetPage<WarningRow>> Read(CancellationToken token) => Keyset.PageAsync(Paging, cursor is not null, PageSize,
            seek => WarningRow.Project(WarningRow.MostUrgentFirst(query, cursor, seek, PageSize + 1), db), r => r.CursorText, token);
        // The first page is kept (KeptReads) until a warning or client changes: a department's warnings are found through
        // its clients.
        var page = cursor is null
            ? await keptReads.GetOrComputeAsync(actor.Scope, KeptReads.Key("warnings", RouteWith()), Read, ct)
            : await Read(ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, RouteWith());

        if (ShowDepartmentFilter)
        {
            Departments = await PickLists.DepartmentsAsync(db, summaries, ct);
        }
    }

    /// <summary>"all", "open" (the open states: the default, also for anything unknown) or one state's name ("Open", "Resolved"…).</summary>
    private (bool OpenOnly, WarningState? State) ParseState()
    {
        if (string.Equals(State, AllStates, StringComparison.Ordinal))
        {
            return (false, null);
        }

        if (!string.Equals(State, OpenStates, StringComparison.Ordinal) && !int.TryParse(State, CultureInfo.InvariantCulture, out _)
            && Enum.TryParse<WarningState>(State, ignoreCase: false, out var state) && Enum.IsDefined(state))
        {
            State = state.ToString();
            return (false, state);
        }

        State = OpenStates;
        return (true, null);
    }

    /// <summary>Query-string values of the current filters.</summary>
    public Dictionary<string, string?> RouteWith() => new(StringComparer.Ordinal)
    {
        ["family"] = Family?.ToString(),
        ["severity"] = Severity?.ToString(),
        ["state"] = State,
        ["department"] = Department?.ToString(CultureInfo.InvariantCulture),
        ["escalated"] = Escalated ? "true" : null,
        ["clientId"] = ClientId?.ToString(),
    };
}
