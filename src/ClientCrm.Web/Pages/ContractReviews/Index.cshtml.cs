using ClientCrm.Domain.ContractReviews;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.ContractReviews;

/// <summary>
/// The contract reviews in the person's scope: those not decided, the one waiting longest first (the default), or all, the
/// latest step first; optionally one client's. Keyset paging over (StateSince, Id), on the partial indexes of the open ones.
/// </summary>
public sealed class IndexModel(CrmDbContext db, KeptReads kept, ClientCrm.Infrastructure.Access.ICurrentActor actor) : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "state")] public string? StateFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "clientId")] public Guid? ClientId { get; set; }

    public bool ShowsAll => string.Equals(StateFilter, "all", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<ContractReviewRow> Rows { get; private set; } = [];
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.ContractReviews.AsNoTracking();
        if (!ShowsAll)
        {
            query = query.Where(ContractReview.IsOpen);
        }

        if (ClientId is { } clientId)
        {
            query = query.Where(r => r.ClientId == clientId);
        }

        Task<KeysetPage<ContractReviewRow>> ReadAsync(CancellationToken token) => StepKeyset.PageAsync(Paging, query, oldestFirst: !ShowsAll, PageSize,
            r => new ContractReviewRow(r.Id, r.ClientId, r.Client!.Name, r.Project!.Name, r.Round, r.State, r.StateSince, r.EscalatedAt != null, r.ProjectNumber),
            r => (r.StateSince, r.Id), token);
        var page = StepKeyset.IsLaterPage(Paging)
            ? await ReadAsync(ct)
            : await kept.GetOrComputeAsync(actor.Scope, $"contract-reviews:{(ShowsAll ? "all" : "open")}:{ClientId}", ReadAsync, ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["state"] = ShowsAll ? "all" : null, ["clientId"] = ClientId?.ToString(),
        });
    }
}

public sealed record ContractReviewRow(Guid Id, Guid ClientId, string ClientName, string ProjectName, int Round, ContractReviewState State,
    DateTimeOffset StateSince, bool Escalated, string? ProjectNumber);
