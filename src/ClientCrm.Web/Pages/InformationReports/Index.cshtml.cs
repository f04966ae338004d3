using ClientCrm.Domain.InformationReports;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using ClientCrm.Web.Pages.Todo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.InformationReports;

/// <summary>
/// The important-information reports in the person's scope (SPEC §5.1), in three tabs: mine (written by me, latest step
/// first), waiting for me (<see cref="ReportPeople.WaitingFor"/>, the one waiting longest first) and all (leaders; anyone
/// for one client's reports, from the client page). Keyset paging over (StateSince, Id); the scope filter decides the rest.
/// </summary>
public sealed class IndexModel(CrmDbContext db, KeptReads kept, ICurrentActor actor) : KeysetListModel
{
    public const int PageSize = 50;

    public const string Mine = "mine";
    public const string Waiting = "waiting";
    public const string All = "all";

    [BindProperty(SupportsGet = true, Name = "tab")] public string? Tab { get; set; }
    [BindProperty(SupportsGet = true, Name = "clientId")] public Guid? ClientId { get; set; }

    /// <summary>"All" is the leaders' list; for one client's reports it is whatever of them the person sees.</summary>
    public bool MaySeeAll => actor.Scope.IsLeader || ClientId is not null;

    public string Shown { get; private set; } = Waiting;
    public IReadOnlyList<ReportRow> Rows { get; private set; } = [];
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = actor.Scope;
        var me = scope.UserId ?? "";
        Shown = Tab switch
        {
            Mine => Mine,
            All when MaySeeAll => All,
            Waiting => Waiting,
            _ => ClientId is not null ? All : Waiting,
        };
        var query = db.InformationReports.AsNoTracking();
        query = Shown switch
        {
            Mine => query.Where(r => r.ReporterId == me),
            Waiting => ReportPeople.WaitingFor(query, scope, scope.IsLeader ? await TodoList.HeadlessDepartmentsAsync(db, ct) : []),
            _ => query,
        };
        if (ClientId is { } clientId)
        {
            query = query.Where(r => r.ClientId == clientId);
        }

        Task<KeysetPage<ReportRow>> ReadAsync(CancellationToken token) => StepKeyset.PageAsync(Paging, query, oldestFirst: Shown == Waiting, PageSize,
            r => new ReportRow(r.Id, r.ClientId, r.Client != null ? r.Client.Name : r.ProspectName!, r.ProspectCountryCode, r.Category,
                r.LearnedOn, r.ReporterName, r.State, r.StateSince, r.EscalatedAt != null),
            r => (r.StateSince, r.Id), token);
        // "Mine" and "waiting" depend on the person, not only on what they see: kept per person.
        var page = StepKeyset.IsLaterPage(Paging)
            ? await ReadAsync(ct)
            : await kept.GetOrComputeAsync(scope, $"reports:{Shown}:{(Shown == All ? "" : me)}:{ClientId}", ReadAsync, ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["tab"] = Shown, ["clientId"] = ClientId?.ToString(),
        });
    }
}

/// <summary>A report as the lists show it: about a client, or about a prospect (<paramref name="ClientId"/> null, its country given).</summary>
public sealed record ReportRow(Guid Id, Guid? ClientId, string SubjectName, string? ProspectCountryCode, InformationCategory Category, DateOnly LearnedOn,
    string ReporterName, InformationReportState State, DateTimeOffset StateSince, bool Escalated);
