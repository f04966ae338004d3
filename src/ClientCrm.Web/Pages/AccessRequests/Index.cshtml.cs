using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.AccessRequests;

/// <summary>
/// Access requests (调阅申请): a leader's "waiting for me" (the oldest first) and "all"; everyone's own ("mine"). Requests
/// carry no client filter (they are no client record): each tab starts from <see cref="AccessRequest.VisibleTo"/>, so a
/// non-leader asking for another tab still gets only their own. Keyset paging over (SubmittedAt, Id), no count.
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, Domain.Common.BusinessClock clock) : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "tab")] public string? Tab { get; set; }

    public bool IsLeader => actor.Scope.IsLeader;
    public IReadOnlyList<AccessRequestRow> Rows { get; private set; } = [];
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Leaders land on what waits for them; everyone else has only their own.
        Tab = IsLeader && Tab is "mine" or "all" ? Tab : IsLeader ? "waiting" : "mine";
        var me = actor.UserId ?? "";
        var query = db.AccessRequests.AsNoTracking().Where(AccessRequest.VisibleTo(actor.Scope));
        query = Tab switch
        {
            "waiting" => query.Where(AccessRequest.IsWaiting),
            "mine" => query.Where(r => r.RequesterId == me),
            _ => query,
        };
        var oldestFirst = Tab == "waiting";
        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Id(1));
            return c;
        });
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek =>
        {
            var q = query;
            var ascending = seek == Seek.First ? oldestFirst : seek == Seek.After == oldestFirst;
            if (cursor is not null && seek != Seek.First)
            {
                var (at, id) = (cursor.Time(0), cursor.Id(1));
                q = ascending
                    ? q.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.SubmittedAt, r.Id), ValueTuple.Create(at, id)))
                    : q.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.SubmittedAt, r.Id), ValueTuple.Create(at, id)));
            }

            return (ascending ? q.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id) : q.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id))
                .Select(r => new AccessRequestRow(r.Id, r.Number, r.ClientId, r.NamedAs, r.RequesterName, r.DaysWanted, r.State, r.GrantedUntil, r.SubmittedAt));
        }, r => Cursor.Encode(r.SubmittedAt, r.Id), ct);

        var rows = page.Rows;
        if (IsLeader && rows.Count > 0)
        {
            var names = await PickLists.ClientNamesAsync(db, rows.Select(r => r.ClientId), ct);
            rows = rows.Select(r => r with { ClientLabel = names.GetValueOrDefault(r.ClientId) }).ToList();
        }

        var now = clock.UtcNow;
        Rows = rows.Select(r => r with { InForce = r.State == AccessRequestState.Approved && r.GrantedUntil > now }).ToList();
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal) { ["tab"] = Tab });
    }
}

/// <summary>A request in a list; <see cref="ClientLabel"/> is the client's name for a leader, otherwise the requester's own words.</summary>
public sealed record AccessRequestRow(Guid Id, long Number, Guid ClientId, string? NamedAs, string RequesterName, int DaysWanted, AccessRequestState State,
    DateTimeOffset? GrantedUntil, DateTimeOffset SubmittedAt)
{
    public string? ClientLabel { get; init; } = NamedAs;

    public bool InForce { get; init; }
}
