using System.Globalization;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Audit;

/// <summary>
/// The audit log for leaders: who changed what and when, newest first, filtered in the database by client (one client
/// by id, or the clients whose name contains a text), person, kind of record and period (days of the company's
/// calendar), paged by keyset. Every filter value is checked here: a value the page cannot use (an unknown person, a
/// date out of range, a control character) is left out of the query and explained next to its field.
/// </summary>
public sealed class IndexModel(CrmDbContext db, ScopeSummaries summaries, IStringLocalizer<SharedResource> l, BusinessClock clock,
    ClientCrm.Infrastructure.Access.ICurrentActor actor, KeptReads kept)
    : KeysetListModel
{
    public const int PageSize = 50;

    /// <summary>A client name to search for is at most this long (it becomes part of the SQL, like the client list's search).</summary>
    public const int MaxClientText = 100;

    /// <summary>A name matching more clients than this lists the log of the first ones only, and says so.</summary>
    public const int MaxClientMatches = 20;

    /// <summary>The longest user name an account can have (the column's length).</summary>
    public const int MaxUserName = 256;

    /// <summary>Days of the period the log can be asked for (the log cannot predate the app; day arithmetic stays far from its limits).</summary>
    public static readonly DateOnly EarliestDay = new(2000, 1, 1);

    public static readonly DateOnly LatestDay = new(2099, 12, 31);

    [BindProperty(SupportsGet = true, Name = "clientId")] public string? ClientIdText { get; set; }
    [BindProperty(SupportsGet = true, Name = "client")] public string? ClientText { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "entity")] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? FromText { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? ToText { get; set; }

    /// <summary>Why a filter value was not used, by the name of its field in the query string.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The one client the log is narrowed to (by id), with its name.</summary>
    public Guid? ClientId { get; private set; }
    public string? ClientName { get; private set; }

    /// <summary>The clients whose name contains the searched text (at most <see cref="MaxClientMatches"/>), and whether there were more.</summary>
    public IReadOnlyList<(Guid Id, string Name)> ClientMatches { get; private set; } = [];
    public bool MoreClientMatches { get; private set; }

    /// <summary>The filter values in use, as the query string carries them.</summary>
    public string? UserFilter { get; private set; }
    public string? EntityFilter { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }

    public People People { get; private set; } = new([]);
    public IReadOnlyList<(string Value, string Text)> EntityOptions { get; private set; } = [];
    public IReadOnlyList<AuditLine> Rows { get; private set; } = [];
    public Tally Total { get; private set; }

    /// <summary>
    /// Set when the rows come from a kept first page: the view keeps their markup under it (per language), as the client
    /// list does, since the same kept lines render to the same markup until the page is read again under a new stamp.
    /// </summary>
    public long? RowsStamp { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        People = await PickLists.DirectoryAsync(db, summaries, ct);
        EntityOptions = AuditDisplay.AuditedTypes(db.Model).Keys
            .Select(k => (Value: k, Text: l[$"Audit.Entity.{k}"].Value))
            .OrderBy(o => o.Text, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))
            .ToList();

        var query = db.AuditEntries.AsNoTracking();
        var matchesNothing = false;
        if (ReadClientId() is ({ } clientId, var field))
        {
            ClientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).FirstOrDefaultAsync(ct);
            if (ClientName is null)
            {
                Errors[field] = l["Audit.ClientUnknown"];
            }
            else
            {
                ClientId = clientId;
                query = query.Where(a => a.ClientId == clientId);
            }
        }
        else if (Clean("client", ClientText, MaxClientText) is { } name)
        {
            var ids = await MatchClientsAsync(name, ct);
            matchesNothing = ids.Count == 0;
            query = query.Where(a => EF.MultipleParameters(ids).Contains(a.ClientId));
        }

        if (Clean("user", UserName, MaxUserName) is { } user)
        {
            UserFilter = People.IsSystem(null, user) ? People.SystemUserName : People.ByUserName(user)?.UserName;
            if (UserFilter is null)
            {
                Errors["user"] = l["Audit.UserUnknown"];
            }
            else
            {
                var userName = UserFilter;
                query = query.Where(a => a.UserName == userName);
            }
        }

        if (Clean("entity", Entity, 100) is { } entity)
        {
            EntityFilter = EntityOptions.Select(o => o.Value).FirstOrDefault(v => string.Equals(v, entity, StringComparison.OrdinalIgnoreCase));
            if (EntityFilter is null)
            {
                Errors["entity"] = l["Audit.EntityUnknown"];
            }
            else
            {
                var type = EntityFilter;
                query = query.Where(a => a.EntityType == type);
            }
        }

        From = Day("from", FromText);
        To = Day("to", ToText);
        if (From is { } first && To is { } last && last < first)
        {
            Errors["to"] = l["Audit.ToBeforeFrom"];
            To = null;
        }

        // The period is in the company's days: from the start of the first to the start of the day after the last.
        if (From is { } from)
        {
            var start = clock.StartOf(from);
            query = query.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = clock.StartOf(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        if (matchesNothing)
        {
            Total = new Tally(0, false);
            Pager = new PagerLinks(null, null, null, 1);
            return;
        }

        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Number(1));
            return c;
        });
        var departments = await PickLists.DepartmentsAsync(db, summaries, ct);
        async Task<KeptLog> ReadAsync(CancellationToken token)
        {
            var total = await query.TallyAsync(token);
            var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek => NewestFirst(query, cursor, seek),
                a => Cursor.Encode(a.At, a.Id), token);
            return new KeptLog(total, page, await AuditDisplay.LinesAsync(db, page.Rows, People, departments, l, clock, token));
        }

        // A first page is kept like a client list's (KeptReads): a leader who opens a line's client and comes back, or
        // looks at the same filter again, is answered without reading the log again. Every save that writes the log
        // moves the version it is kept under; another instance's writes show within a minute.
        var log = cursor is null ? await kept.GetOrComputeAsync(actor.Scope, KeptKey(), ReadAsync, ct) : await ReadAsync(ct);
        (Total, Rows, RowsStamp) = (log.Total, log.Lines, cursor is null ? log.Stamp : null);
        Pager = Keyset.Links(log.Page, ListPath, RouteWith());
    }

    /// <summary>The kept first page's key: the filters in use (a client name as a hash) and the language the lines are written in.</summary>
    private string KeptKey()
    {
        var values = RouteWith();
        values["client"] = values["client"] is { } text ? KeptReads.TextKey(text) : null;
        return KeptReads.Key("audit-log", values) + "|lang=" + CultureInfo.CurrentUICulture.Name;
    }

    /// <summary>Newest first by (At, Id), the index every filter of the log ends in; past the cursor, or before it going back.</summary>
    private static IQueryable<AuditEntry> NewestFirst(IQueryable<AuditEntry> query, Cursor? cursor, Seek seek)
    {
        if (cursor is not null && seek != Seek.First)
        {
            var (at, id) = (cursor.Time(0), cursor.Number(1));
            return seek == Seek.After
                ? query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.At, a.Id), ValueTuple.Create(at, id)))
                    .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                : query.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.At, a.Id), ValueTuple.Create(at, id)))
                    .OrderBy(a => a.At).ThenBy(a => a.Id);
        }

        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }

    /// <summary>The filter values in use, for the pager's links.</summary>
    public Dictionary<string, string?> RouteWith() => new(StringComparer.Ordinal)
    {
        ["clientId"] = ClientId?.ToString(),
        ["client"] = ClientId is null && !Errors.ContainsKey("client") ? ClientText?.Trim() : null,
        ["user"] = UserFilter,
        ["entity"] = EntityFilter,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The link that narrows the log to one client, keeping the other filters.</summary>
    public string ClientHref(Guid id)
    {
        var values = RouteWith();
        values["client"] = null;
        values["clientId"] = id.ToString();
        return Keyset.Href(ListPath, values);
    }

    /// <summary>The link that drops the client filter, keeping the others.</summary>
    public string WithoutClientHref()
    {
        var values = RouteWith();
        values["client"] = null;
        values["clientId"] = null;
        return Keyset.Href(ListPath, values);
    }

    /// <summary>What the user typed, for the form (without control characters, which a page cannot show).</summary>
    public static string? Echo(string? typed) => typed is null ? null : new string(typed.Where(c => !char.IsControl(c)).ToArray());

    /// <summary>
    /// The client id of the query string (the client page links here with it), or the searched text when it is an id; with
    /// the field it came from.
    /// </summary>
    private (Guid? Id, string Field) ReadClientId()
    {
        if (Clean("clientId", ClientIdText, 100) is { } text)
        {
            if (Guid.TryParse(text, out var id))
            {
                return (id, "clientId");
            }

            Errors["clientId"] = l["Audit.ClientUnknown"];
        }

        return (Guid.TryParse(ClientText?.Trim(), out var typed) ? typed : null, "client");
    }

    /// <summary>The ids of up to the first clients found whose name or Chinese name contains <paramref name="text"/>, ordered by name.</summary>
    private async Task<List<Guid?>> MatchClientsAsync(string text, CancellationToken ct)
    {
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        // A literal pattern (EF.Constant), as in the client list: PostgreSQL plans the search for its own text. The first
        // matches found, not the first by name: ordering by name walked the name index past thousands of clients for a
        // common fragment (54 ms at 100,000 clients; 10 ms unordered). The few found are ordered here.
        // The clients a text finds are kept like a client-list search (KeptReads: until a client changes, a minute at most);
        // the text is kept as a hash only.
        var key = "audit-client-match|" + KeptReads.TextKey(text);
        var matches = await kept.GetOrComputeAsync(actor.Scope, key, async token => (await db.Clients.AsNoTracking()
                .Where(c => EF.Functions.ILike(c.Name, EF.Constant(pattern))
                            || (c.ChineseName != null && EF.Functions.ILike(c.ChineseName, EF.Constant(pattern))))
                .Select(c => new ClientMatch(c.Id, c.Name, c.NormalizedName))
                .Take(MaxClientMatches + 1)
                .ToListAsync(token))
            .OrderBy(c => c.NormalizedName, StringComparer.Ordinal).ThenBy(c => c.Id)
            .ToList(), ct);
        MoreClientMatches = matches.Count > MaxClientMatches;
        ClientMatches = matches.Take(MaxClientMatches).Select(c => (c.Id, c.Name)).ToList();
        if (ClientMatches.Count == 0)
        {
            Errors["client"] = l["Audit.ClientNoMatch", text];
        }

        return ClientMatches.Select(c => (Guid?)c.Id).ToList();
    }

    /// <summary>A day of the period: yyyy-MM-dd between <see cref="EarliestDay"/> and <see cref="LatestDay"/>; anything else is explained.</summary>
    private DateOnly? Day(string key, string? text)
    {
        if (Clean(key, text, 10) is not { } value)
        {
            if (!Errors.ContainsKey(key) && string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            Errors[key] = l["Audit.DateInvalid", Format(EarliestDay), Format(LatestDay)];
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day < EarliestDay || day > LatestDay)
        {
            Errors[key] = l["Audit.DateInvalid", Format(EarliestDay), Format(LatestDay)];
            return null;
        }

        return day;
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A filter value without surrounding spaces; null when empty, too long or holding control characters (explained).</summary>
    private string? Clean(string key, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Any(char.IsControl))
        {
            Errors[key] = l["Audit.BadCharacters"];
            return null;
        }

        if (trimmed.Length > max)
        {
            Errors[key] = l["Audit.TooLong", max];
            return null;
        }

        return trimmed;
    }
}

/// <summary>A first page of the log as shown: its capped total, its rows and their lines.</summary>
internal sealed record KeptLog(Tally Total, KeysetPage<AuditEntry> Page, IReadOnlyList<AuditLine> Lines)
{
    private static long s_stamps;

    /// <summary>Names this computation of the page, for the view's kept markup.</summary>
    public long Stamp { get; } = Interlocked.Increment(ref s_stamps);
}

/// <summary>A client the audit log's client filter found.</summary>
internal sealed record ClientMatch(Guid Id, string Name, string NormalizedName);
