using ClientCrm.Domain.Complaints;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Complaints;

/// <summary>
/// The complaints in the person's scope: those not archived, the one waiting longest first (the default), or all, the latest
/// step first; optionally one client's. Keyset paging over (StateSince, Id).
/// </summary>
public sealed class IndexModel(CrmDbContext db, KeptReads kept, ClientCrm.Infrastructure.Access.ICurrentActor actor) : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "state")] public string? StateFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "clientId")] public Guid? ClientId { get; set; }

    public bool ShowsAll => string.Equals(StateFilter, "all", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<ComplaintRow> Rows { get; private set; } = [];
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Complaints.AsNoTracking();
        if (!ShowsAll)
        {
            query = query.Where(Complaint.IsOpen);
        }

        if (ClientId is { } clientId)
        {
            query = query.Where(c => c.ClientId == clientId);
        }

        Task<KeysetPage<ComplaintRow>> ReadAsync(CancellationToken token) => StepKeyset.PageAsync(Paging, query, oldestFirst: !ShowsAll, PageSize,
            c => new ComplaintRow(c.Id, c.ClientId, c.Client!.Name, c.ReceivedOn, c.Nature, c.State, c.StateSince, c.EscalatedAt != null),
            r => (r.StateSince, r.Id), token);
        var page = StepKeyset.IsLaterPage(Paging)
            ? await ReadAsync(ct)
            : await kept.GetOrComputeAsync(actor.Scope, $"complaints:{(ShowsAll ? "all" : "open")}:{ClientId}", ReadAsync, ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["state"] = ShowsAll ? "all" : null, ["clientId"] = ClientId?.ToString(),
        });
    }
}

public sealed record ComplaintRow(Guid Id, Guid ClientId, string ClientName, DateOnly ReceivedOn, ComplaintNature Nature, ComplaintState State,
    DateTimeOffset StateSince, bool Escalated);
