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

        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Number(1));
            return c;
        });
        var oldestFirst = !ShowsAll;
        Task<KeysetPage<AccountabilityRow>> ReadAsync(CancellationToken token) => Keyset.PageAsync(Paging, cursor is not null, PageSize, seek =>
        {
            var ordered = query;
            var ascending = oldestFirst;
            if (cursor is not null && seek != Seek.First)
            {
                var (at, id) = (cursor.Time(0), cursor.Number(1));
                ascending = seek == Seek.After == oldestFirst;
                ordered = ascending
                    ? ordered.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.StateSince, c.Id), ValueTuple.Create(at, id)))
                    : ordered.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.StateSince, c.Id), ValueTuple.Create(at, id)));
            }

            return (ascending ? ordered.OrderBy(c => c.StateSince).ThenBy(c => c.Id) : ordered.OrderByDescending(c => c.StateSince).ThenByDescending(c => c.Id))
                .Select(c => new AccountabilityRow(c.Id, c.ClientId, c.Client!.Name, c.Trigger, c.State, c.ReportDueOn, c.StateSince, c.EscalatedAt != null));
        }, r => Cursor.Encode(r.StateSince, r.Id), token);
        var page = cursor is null
            ? await kept.GetOrComputeAsync(actor.Scope, $"accountability:{(ShowsAll ? "all" : "open")}:{ClientId}", ReadAsync, ct)
            : await ReadAsync(ct);
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
