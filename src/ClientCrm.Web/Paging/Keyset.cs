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

    /// <summary>The pager links: this list's path with its own filter values plus the page's cursor.</summary>
    public static PagerLinks Links<TRow>(KeysetPage<TRow> page, string path, IReadOnlyDictionary<string, string?> filters)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(filters);
        string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        var previous = !page.HasPrevious ? null
            : page.Number == 2 || page.Previous is null ? Href(path, filters)
            : Href(path, filters, ("before", page.Previous), ("p", Number(page.Number - 1)));
        var next = page.Next is null ? null : Href(path, filters, ("after", page.Next), ("p", Number(page.Number + 1)));
        return new PagerLinks(page.HasPrevious ? Href(path, filters) : null, previous, next, page.Number);
    }

    /// <summary>
    /// A link to <paramref name="path"/> with the query values that are set. Built directly, not through the link generator:
    /// a list page has a dozen such links, and they only ever change the query string.
    /// </summary>
    public static string Href(string path, IReadOnlyDictionary<string, string?> values, params (string Key, string? Value)[] more)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(more);
        var pairs = values.Where(v => !string.IsNullOrEmpty(v.Value) && !more.Any(m => m.Key == v.Key))
            .Concat(more.Select(m => new KeyValuePair<string, string?>(m.Key, m.Value)))
            .Where(v => !string.IsNullOrEmpty(v.Value));
        return path + Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToUriComponent();
    }
}

/// <summary>What the pager partial shows: first, previous and next links (null when there is none) and the page number.</summary>
public sealed record PagerLinks(string? First, string? Previous, string? Next, int Number);

/// <summary>A count that stops at a cap: counting every row of a large scope on each request would read them all.</summary>
public readonly record struct Tally(int Count, bool AtLeast)
{
    /// <summary>Lists count at most this many rows; more shows as "1,000+".</summary>
    public const int ListCap = 1_000;

    /// <summary>A search counts at most this many ("100+"): counting every match of a common fragment reads them all.</summary>
    public const int SearchCap = 100;

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

    /// <summary>This page's path (under the app's base path), for its own links.</summary>
    protected string ListPath => (Request.PathBase + Request.Path).ToString();
}
