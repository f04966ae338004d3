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

        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Number(1));
            return c;
        });
        var oldestFirst = !ShowsAll;
        // A first page is kept like the other lists' (KeptReads): until anything is saved here, a minute at most.
        Task<KeysetPage<EvaluationRow>> ReadAsync(CancellationToken token) => Keyset.PageAsync(Paging, cursor is not null, PageSize, seek =>
        {
            var ordered = query;
            if (cursor is not null && seek != Seek.First)
            {
                var (at, id) = (cursor.Time(0), cursor.Number(1));
                // Going on in the list's order past the cursor, or against it going back.
                var forward = seek == Seek.After == oldestFirst;
                ordered = forward
                    ? ordered.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.StateSince, e.Id), ValueTuple.Create(at, id)))
                    : ordered.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.StateSince, e.Id), ValueTuple.Create(at, id)));
                var ascending = seek == Seek.After == oldestFirst;
                return Project(ascending ? ordered.OrderBy(e => e.StateSince).ThenBy(e => e.Id) : ordered.OrderByDescending(e => e.StateSince).ThenByDescending(e => e.Id));
            }

            return Project(oldestFirst ? ordered.OrderBy(e => e.StateSince).ThenBy(e => e.Id) : ordered.OrderByDescending(e => e.StateSince).ThenByDescending(e => e.Id));
        }, r => Cursor.Encode(r.StateSince, r.Id), token);
        var page = cursor is null ? await kept.GetOrComputeAsync(actor.Scope, "evaluations:" + (ShowsAll ? "all" : "open"), ReadAsync, ct) : await ReadAsync(ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal) { ["state"] = ShowsAll ? "all" : null });
    }

    private static IQueryable<EvaluationRow> Project(IQueryable<ClientEvaluation> evaluations) =>
        evaluations.Select(e => new EvaluationRow(e.Id, e.ClientId, e.Client!.Name, e.Client.ChineseName, e.Round, e.State, e.StateSince,
            e.EscalatedAt != null, e.Risk, e.CreatedByName));
}

public sealed record EvaluationRow(Guid Id, Guid ClientId, string ClientName, string? ClientChineseName, int Round, EvaluationState State,
    DateTimeOffset StateSince, bool Escalated, RiskLevel? Risk, string CreatedByName);
