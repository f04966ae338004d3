using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Paging;

/// <summary>Where a page starts: at the top, after the row a cursor names (next pages) or before it (going back).</summary>
public enum Seek
{
    First,
    After,
    Before,
}

/// <summary>The paging part of a list's query string: <c>after</c> or <c>before</c> a cursor, and the page number shown.</summary>
public sealed record PageRequest(string? After, string? Before, int Number)
{
    /// <summary>The cursor token to decode, if any.</summary>
    public string? Token => After ?? Before;
}

/// <summary>One page of a keyset-paged list, with the cursors of its first and last rows for the links either way.</summary>
public sealed record KeysetPage<TRow>(IReadOnlyList<TRow> Rows, string? Next, string? Previous, int Number)
{
    public bool HasNext => Next is not null;

    public bool HasPrevious => Number > 1;
}

/// <summary>
/// Keyset (seek) paging: a page reads the rows after (or before) the last one shown by the sort's index, however deep
/// it is, instead of skipping OFFSET rows. The caller builds the query for each <see cref="Seek"/>: ordered in reading
/// order for <see cref="Seek.First"/> and <see cref="Seek.After"/>, in reverse order for <see cref="Seek.Before"/>.
/// </summary>
public static class Keyset
{
    public const int MaxPageNumber = 1_000_000;

    public static async Task<KeysetPage<TRow>> PageAsync<TRow>(PageRequest request, bool hasCursor, int size,
        Func<Seek, IQueryable<TRow>> query, Func<TRow, string> cursorOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(cursorOf);
        var seek = !hasCursor ? Seek.First : request.Before is not null && request.After is null ? Seek.Before : Seek.After;
        var rows = await query(seek).Take(size + 1).ToListAsync(ct);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(size);
        }

        var number = Math.Clamp(request.Number, 2, MaxPageNumber);
        switch (seek)
        {
            case Seek.First:
                return new(rows, more ? cursorOf(rows[^1]) : null, null, 1);
            case Seek.After:
                return new(rows, more ? cursorOf(rows[^1]) : null, rows.Count > 0 ? cursorOf(rows[0]) : null, number);
            default:
                if (!more)
                {
                    // Back at the start (rows may have been added or removed meanwhile): show the first page, full.
                    return await PageAsync(request with { After = null, Before = null }, hasCursor: false, size, query, cursorOf, ct);
                }

                rows.Reverse();
                return new(rows, cursorOf(rows[^1]), cursorOf(rows[0]), number);
        }
    }

    /// <summary>Route values for the pager links, on top of the list's own filter values.</summary>
    public static PagerLinks Links<TRow>(KeysetPage<TRow> page, IReadOnlyDictionary<string, string?> filters)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(filters);
        Dictionary<string, string?> With(params (string Key, string? Value)[] values)
        {
            var route = new Dictionary<string, string?>(filters, StringComparer.Ordinal);
            foreach (var (key, value) in values)
            {
                route[key] = value;
            }

            return route;
        }

        string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        var previous = !page.HasPrevious ? null
            : page.Number == 2 || page.Previous is null ? With()
            : With(("before", page.Previous), ("p", Number(page.Number - 1)));
        var next = page.Next is null ? null : With(("after", page.Next), ("p", Number(page.Number + 1)));
        return new PagerLinks(page.HasPrevious ? With() : null, previous, next, page.Number);
    }
}

/// <summary>What the pager partial shows: first, previous and next links (null when there is none) and the page number.</summary>
public sealed record PagerLinks(IDictionary<string, string?>? First, IDictionary<string, string?>? Previous,
    IDictionary<string, string?>? Next, int Number);

/// <summary>A count that stops at a cap: counting every row of a large scope on each request would read them all.</summary>
public readonly record struct Tally(int Count, bool AtLeast)
{
    /// <summary>Lists count at most this many rows; more shows as "1,000+".</summary>
    public const int ListCap = 1_000;

    public string Text => Count.ToString("N0", CultureInfo.CurrentCulture) + (AtLeast ? "+" : "");

    public override string ToString() => Text;
}

public static class TallyQueries
{
    /// <summary>The number of rows, or <paramref name="cap"/> with <see cref="Tally.AtLeast"/> when there are more.</summary>
    public static async Task<Tally> TallyAsync<T>(this IQueryable<T> query, CancellationToken ct, int cap = Tally.ListCap)
    {
        ArgumentNullException.ThrowIfNull(query);
        var n = await query.Take(cap + 1).CountAsync(ct);
        return n > cap ? new Tally(cap, true) : new Tally(n, false);
    }
}

/// <summary>A list page paged by <see cref="Keyset"/>: binds <c>after</c>, <c>before</c> and <c>p</c> from the query string.</summary>
public abstract class KeysetListModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? After { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Before { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    protected PageRequest Paging => new(After, Before, PageNumber);
}
