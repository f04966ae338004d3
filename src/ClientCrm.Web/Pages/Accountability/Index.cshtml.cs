using ClientCrm.Domain.Accountability;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Accountability;

/// <summary>
/// The accountability cases in the person's scope: those not closed, the one waiting longest first (the default), or all, the
/// latest step first; optionally one client's. Keyset paging over (StateSince, Id).
/// </summary>
public sealed class IndexModel(CrmDbContext db, KeptReads kept, ClientCrm.Infrastructure.Access.ICurrentActor actor, ClientCrm.Domain.Common.BusinessClock clock)
    : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "state")] public string? StateFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "clientId")] public Guid? ClientId { get; set; }

    public bool ShowsAll => string.Equals(StateFilter, "all", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<AccountabilityRow> Rows { get; private set; } = [];
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today;
        var query = db.AccountabilityCases.AsNoTracking();
        if (!ShowsAll)
        {
            query = query.Where(AccountabilityCase.IsOpen);
        }

        if (ClientId is { } clientId)
        {
            query = query.Where(c => c.ClientId == clientId);
        }

        Task<KeysetPage<AccountabilityRow>> ReadAsync(CancellationToken token) => StepKeyset.PageAsync(Paging, query, oldestFirst: !ShowsAll, PageSize,
            c => new AccountabilityRow(c.Id, c.ClientId, c.Client!.Name, c.Trigger, c.State, c.ReportDueOn, c.StateSince, c.EscalatedAt != null),
            r => (r.StateSince, r.Id), token);
        var page = StepKeyset.IsLaterPage(Paging)
            ? await ReadAsync(ct)
            : await kept.GetOrComputeAsync(actor.Scope, $"accountability:{(ShowsAll ? "all" : "open")}:{ClientId}", ReadAsync, ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["state"] = ShowsAll ? "all" : null, ["clientId"] = ClientId?.ToString(),
        });
    }
}

public sealed record AccountabilityRow(Guid Id, Guid ClientId, string ClientName, AccountabilityTrigger Trigger, AccountabilityState State, DateOnly ReportDueOn,
    DateTimeOffset StateSince, bool Escalated)
{
    public bool IsReportOverdue(DateOnly today) => State == AccountabilityState.Opened && ReportDueOn < today;
}
