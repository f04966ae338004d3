using System.Linq.Expressions;
using ClientCrm.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Paging;

/// <summary>
/// The workflow lists' paging (evaluations, complaints and the rest): by the step's start and id, the one waiting longest
/// first for the open items, or the latest step first for all of them. Each workflow's open-state index is on
/// (StateSince, Id), so every page is one index range however deep it is.
/// </summary>
public static class StepKeyset
{
    public static Task<KeysetPage<TRow>> PageAsync<TItem, TRow>(PageRequest request, IQueryable<TItem> items, bool oldestFirst, int size,
        Expression<Func<TItem, TRow>> row, Func<TRow, (DateTimeOffset Since, Guid Id)> keyOf, CancellationToken ct)
        where TItem : class, IWorkflowItem
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keyOf);
        var cursor = Cursor.Read(request.Token, 2, c =>
        {
            _ = (c.Time(0), c.Id(1));
            return c;
        });
        return Keyset.PageAsync(request, cursor is not null, size, seek =>
        {
            var query = items;
            // Going on in the list's order past the cursor, or against it going back.
            var ascending = seek == Seek.First ? oldestFirst : seek == Seek.After == oldestFirst;
            if (cursor is not null && seek != Seek.First)
            {
                var (at, id) = (cursor.Time(0), cursor.Id(1));
                query = ascending
                    ? query.Where(i => EF.Functions.GreaterThan(ValueTuple.Create(i.StateSince, i.Id), ValueTuple.Create(at, id)))
                    : query.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.StateSince, i.Id), ValueTuple.Create(at, id)));
            }

            return (ascending ? query.OrderBy(i => i.StateSince).ThenBy(i => i.Id) : query.OrderByDescending(i => i.StateSince).ThenByDescending(i => i.Id))
                .Select(row);
        }, r =>
        {
            var (since, id) = keyOf(r);
            return Cursor.Encode(since, id);
        }, ct);
    }

    /// <summary>True when the request names a later page (which is read fresh; first pages may be kept).</summary>
    public static bool IsLaterPage(PageRequest request) =>
        Cursor.Read(request?.Token, 2, c => c) is not null;
}
