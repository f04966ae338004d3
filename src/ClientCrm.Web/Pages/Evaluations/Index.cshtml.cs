using ClientCrm.Domain.Evaluations;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>
/// The new-client evaluations in the person's scope: those still going, the one waiting longest first (the default), or
/// every round, the latest step first. Keyset paging over (StateSince, Id), which the open-state index serves.
/// </summary>
public sealed class IndexModel(CrmDbContext db, KeptReads kept, ClientCrm.Infrastructure.Access.ICurrentActor actor) : KeysetListModel
{
    public const int PageSize = 50;

    /// <summary>"open" (the default) or "all".</summary>
    [BindProperty(SupportsGet = true, Name = "state")] public string? StateFilter { get; set; }

    public bool ShowsAll => string.Equals(StateFilter, "all", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<EvaluationRow> Rows { get; private set; } = [];
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.ClientEvaluations.AsNoTracking();
        if (!ShowsAll)
        {
            query = query.Where(ClientEvaluation.IsOpen);
        }

        // A first page is kept like the other lists' (KeptReads): until anything is saved here, a minute at most.
        Task<KeysetPage<EvaluationRow>> ReadAsync(CancellationToken token) => StepKeyset.PageAsync(Paging, query, oldestFirst: !ShowsAll, PageSize,
            e => new EvaluationRow(e.Id, e.ClientId, e.Client!.Name, e.Client.ChineseName, e.Round, e.State, e.StateSince, e.EscalatedAt != null, e.Risk,
                e.CreatedByName),
            r => (r.StateSince, r.Id), token);
        var page = StepKeyset.IsLaterPage(Paging)
            ? await ReadAsync(ct)
            : await kept.GetOrComputeAsync(actor.Scope, "evaluations:" + (ShowsAll ? "all" : "open"), ReadAsync, ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal) { ["state"] = ShowsAll ? "all" : null });
    }
}

public sealed record EvaluationRow(Guid Id, Guid ClientId, string ClientName, string? ClientChineseName, int Round, EvaluationState State,
    DateTimeOffset StateSince, bool Escalated, RiskLevel? Risk, string CreatedByName);
