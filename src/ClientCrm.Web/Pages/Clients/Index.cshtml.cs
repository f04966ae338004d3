using System.Globalization;
using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Clients;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

public sealed record ClientRow(Guid Id, string Name, string? ChineseName, ClientType Type, string CountryCode, Region Region,
    Industry Industry, ClientStatus Status, ClientGrade Grade, ParetoClass? ParetoClass, LifecycleStage? LifecycleStage,
    string OwnerName, string DepartmentName, DateTimeOffset UpdatedAt, bool ReviewDue, bool ContactOverdue, string NormalizedName,
    ListWarningColumn WarningColumn, string MaskedPhone = "", string MaskedEmail = "");

/// <summary>
/// 客户资料库: the clients in the user's scope, filtered and sorted in the database and paged by keyset (each sort has
/// an index with the scope column in front). One search box takes a part of a name (the client's, its Chinese name
/// or a principal's; trigram indexes), or an exact phone, email, tax or registration number (blind indexes, looked up
/// first, then read by id).
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, IBlindIndexer indexer, BusinessClock clock, ScopeSummaries summaries,
    KeptReads keptPages) : KeysetListModel
{
    public const int PageSize = 25;

    /// <summary>A name fragment matching principals of more clients than this is searched with a subquery instead of by id.</summary>
    public const int PrincipalHitCap = 500;

    /// <summary>Longer search terms are cut: nobody types a name that long, and the term becomes part of the SQL.</summary>
    public const int MaxSearchLength = 100;

    private static readonly string[] Sorts = ["updated", "name", "country", "status", "grade"];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public ClientStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public Region? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }
    [BindProperty(SupportsGet = true)] public ClientGrade? Grade { get; set; }
    [BindProperty(SupportsGet = true)] public ParetoClass? Pareto { get; set; }
    [BindProperty(SupportsGet = true)] public LifecycleStage? Lifecycle { get; set; }
    [BindProperty(SupportsGet = true)] public Industry? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "updated";
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; } = true;

    public IReadOnlyList<ClientRow> Rows { get; private set; } = [];
    public Tally Total { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public bool ShowDepartmentFilter => actor.Scope.Level == ScopeLevel.All;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Sorts.Contains(Sort, StringComparer.Ordinal))
        {
            Sort = "updated";
        }

        var today = clock.Today;
        var key = Cursor.Read(Paging.Token, Sort == "updated" || Sort == "name" ? 2 : 3, ReadKey);
        KeysetPage<ClientListItem> page;
        if (key is null)
        {
            // The first page (where everyone lands, and where a search or filter starts) is kept per scope and query with
            // its total and warning column (KeptReads): read again once anything it shows changes, a minute at most.
            var kept = await keptPages.GetOrComputeAsync(actor.Scope, KeptPageKey(today), async token =>
            {
                var query = await FilteredAsync(today, token);
                var total = await TotalAsync(query, token);
                var toItem = ToItem();
                var rows = await Keyset.PageAsync(Paging, false, PageSize, seek => Ordered(query, null, seek).Select(toItem), CursorOf, token);
                return new KeptPage(rows, total);
            }, ct);
            (page, Total, RowsStamp) = (kept.Page, kept.Total, kept.Stamp);
        }
        else
        {
            var query = await FilteredAsync(today, ct);
            Total = await TotalAsync(query, ct);
            var toItem = ToItem();
            page = await Keyset.PageAsync(Paging, true, PageSize, seek => Ordered(query, key, seek).Select(toItem), CursorOf, ct);
        }

        // Names come from the kept lists, not from joins: the rows need only ids.
        var people = await PickLists.PeopleAsync(db, summaries, ct);
        var departments = await PickLists.DepartmentsAsync(db, summaries, ct);
        Rows = page.Rows.Select(c => new ClientRow(c.Id, c.Name, c.ChineseName, c.Type, c.CountryCode, c.Region, c.Industry, c.Status, c.Grade,
                c.ParetoClass, c.LifecycleStage, people.GetValueOrDefault(c.OwnerId, ""),
                departments.FirstOrDefault(d => d.Id == c.DepartmentId).Name ?? "", c.UpdatedAt,
                Client.IsCardReviewDueOn(c.CardReviewDueOn, today), ContactDuty.IsOverdue(c.Status, c.ContactDueOn, today), c.NormalizedName,
                c.WarningColumn,
                // Lists show contacts masked (issue 13); the full value is on the client page, whose views are registered.
                Domain.Dossier.ContactMask.Phone(c.Phone), Domain.Dossier.ContactMask.Email(c.Email)))
            .ToList();
        Pager = Keyset.Links(page, ListPath, RouteWith());
        Owners = await PickLists.OwnersAsync(db, actor.Scope, summaries, ct);
        if (ShowDepartmentFilter)
        {
            Departments = departments;
        }
    }

    /// <summary>
    /// The list's total on every page: the kept counts by status when unfiltered, the exact search's number of hits, or
    /// a count that stops at a cap.
    /// </summary>
    private async Task<Tally> TotalAsync(IQueryable<Client> query, CancellationToken ct) =>
        Unfiltered ? ClientTallies.Total((await ClientTallies.ByStatusAsync(db, actor.Scope, summaries, ct)).Value, Status)
        : _exactHits is { } hits && OnlySearched ? new Tally(hits.Count, false)
        : await query.TallyAsync(ct, string.IsNullOrWhiteSpace(Q) ? Tally.ListCap : Tally.SearchCap);

    /// <summary>
    /// What a kept first page depends on besides the scope: every filter, the sort, and the day (the overdue filter). The
    /// search term is kept as a hash only: it may be a phone number or an e-mail address.
    /// </summary>
    private string KeptPageKey(DateOnly today)
    {
        var term = string.IsNullOrWhiteSpace(Q) ? "" : KeptReads.TextKey(Q.Trim());
        return KeptReads.Key("client-list", RouteWith().Where(f => f.Key != "q")) + string.Create(CultureInfo.InvariantCulture, $"|today={today:yyyy-MM-dd}|q={term}");
    }

    /// <summary>A first page as kept by <see cref="KeptReads"/>; <see cref="Stamp"/> names this computation of it.</summary>
    private sealed record KeptPage(KeysetPage<ClientListItem> Page, Tally Total)
    {
        private static long s_stamps;

        public long Stamp { get; } = Interlocked.Increment(ref s_stamps);
    }

    /// <summary>
    /// Set when the rows come from a kept first page: the view keeps their markup under it (per language), since the same
    /// kept rows render to the same markup until the page is computed again, which gives a new stamp.
    /// </summary>
    public long? RowsStamp { get; private set; }

    /// <summary>The link of a column heading: the current filters, sorted by <paramref name="sort"/> (again: the other way).</summary>
    public string SortHref(string sort) => Keyset.Href(ListPath, RouteWith(sort));

    /// <summary>Query-string values for a link that keeps the current filters; a new sort starts at the first page.</summary>
    public Dictionary<string, string?> RouteWith(string? sort = null)
    {
        var newSort = sort ?? Sort;
        var desc = sort is null ? Desc : sort == Sort ? !Desc : sort is "updated";
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q,
            ["status"] = Status?.ToString(),
            ["country"] = Country,
            ["region"] = Region?.ToString(),
            ["owner"] = Owner,
            ["department"] = Department?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["grade"] = Grade?.ToString(),
            ["pareto"] = Pareto?.ToString(),
            ["lifecycle"] = Lifecycle?.ToString(),
            ["industry"] = Industry?.ToString(),
            ["overdue"] = Overdue ? "true" : null,
            ["sort"] = newSort,
            ["desc"] = desc ? "true" : "false",
        };
    }

    /// <summary>The clients an exact identifier found (already in scope), when the search was one.</summary>
    private IReadOnlyList<Guid>? _exactHits;

    /// <summary>Searched, and no other filter: an exact search's total is its number of hits.</summary>
    private bool OnlySearched => Status is null && string.IsNullOrWhiteSpace(Country) && Region is null && string.IsNullOrWhiteSpace(Owner)
        && Department is null && Grade is null && Pareto is null && Lifecycle is null && Industry is null && !Overdue;

    /// <summary>No filter but possibly the status: the total is the kept count by status.</summary>
    private bool Unfiltered => string.IsNullOrWhiteSpace(Q) && string.IsNullOrWhiteSpace(Country) && Region is null && string.IsNullOrWhiteSpace(Owner)
        && Department is null && Grade is null && Pareto is null && Lifecycle is null && Industry is null && !Overdue;

    private async Task<IQueryable<Client>> FilteredAsync(DateOnly today, CancellationToken ct)
    {
        var query = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            query = await SearchAsync(query, term.Length > MaxSearchLength ? term[..MaxSearchLength] : term, ct);
        }

        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Country))
        {
            var country = Country.Trim().ToUpperInvariant();
            query = query.Where(c => c.CountryCode == country);
        }

        if (Region is { } region)
        {
            query = query.Where(c => c.Region == region);
        }

        if (!string.IsNullOrWhiteSpace(Owner))
        {
            query = query.Where(c => c.OwnerId == Owner);
        }

        if (Department is { } department)
        {
            query = query.Where(c => c.DepartmentId == department);
        }

        if (Grade is { } grade)
        {
            query = query.Where(c => c.Grade == grade);
        }

        if (Pareto is { } pareto)
        {
            query = query.Where(c => c.Classes!.Pareto == pareto);
        }

        if (Lifecycle is { } lifecycle)
        {
            query = query.Where(c => c.Classes!.Lifecycle == lifecycle);
        }

        if (Industry is { } industry)
        {
            query = query.Where(c => c.Industry == industry);
        }

        return Overdue ? query.WhereContactOverdue(today) : query;
    }

    private async Task<IQueryable<Client>> SearchAsync(IQueryable<Client> query, string term, CancellationToken ct)
    {
        // An exact identifier is looked up first, through the blind indexes only; a hit is read by id.
        var exact = await ExactContactSearch.MatchingClientIdsAsync(db, term, indexer, ct);
        if (exact is { Count: > 0 })
        {
            _exactHits = exact;
            return query.Where(c => EF.MultipleParameters(exact).Contains(c.Id));
        }

        var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        // The pattern goes into the SQL as a literal (EF.Constant), not as a parameter: how many clients match decides the
        // plan (walk the sort's index for a common fragment, the trigram index for a rare one), and a prepared statement's
        // generic plan cannot know. A search is planned for its own text; a repeated search reuses that plan.
        // Principals whose name matches, as client ids: the three trigram lookups then combine as one bitmap.
        var viaPrincipals = await db.Principals.AsNoTracking().Where(p => EF.Functions.ILike(p.Name, EF.Constant(pattern)))
            .Select(p => p.ClientId).Distinct().Take(PrincipalHitCap + 1).ToListAsync(ct);
        if (viaPrincipals.Count > PrincipalHitCap)
        {
            return query.Where(c => EF.Functions.ILike(c.Name, EF.Constant(pattern))
                                    || (c.ChineseName != null && EF.Functions.ILike(c.ChineseName, EF.Constant(pattern)))
                                    || db.Principals.Any(p => p.ClientId == c.Id && EF.Functions.ILike(p.Name, EF.Constant(pattern))));
        }

        return query.Where(c => EF.Functions.ILike(c.Name, EF.Constant(pattern))
                                || (c.ChineseName != null && EF.Functions.ILike(c.ChineseName, EF.Constant(pattern)))
                                || EF.MultipleParameters(viaPrincipals).Contains(c.Id));
    }

    private static readonly Expression<Func<Client, DateTimeOffset>> ByUpdated = c => c.UpdatedAt;
    private static readonly Expression<Func<Client, Guid>> ById = c => c.Id;
    private static readonly Expression<Func<Client, string>> ByName = c => c.NormalizedName;
    private static readonly Expression<Func<Client, string>> ByCountry = c => c.CountryCode;
    private static readonly Expression<Func<Client, ClientStatus>> ByStatus = c => c.Status;
    private static readonly Expression<Func<Client, ClientGrade>> ByGrade = c => c.Grade;

    /// <summary>A row as read; names and due flags are added in memory (<see cref="OnGetAsync"/>).</summary>
    private sealed record ClientListItem(Guid Id, string Name, string? ChineseName, ClientType Type, string CountryCode, Region Region,
        Industry Industry, ClientStatus Status, ClientGrade Grade, ParetoClass? ParetoClass, LifecycleStage? LifecycleStage, string OwnerId,
        int DepartmentId, DateTimeOffset UpdatedAt, DateOnly? CardReviewDueOn, DateOnly? ContactDueOn, string NormalizedName, string? Phone, string? Email,
        ListWarningColumn WarningColumn);

    // Built once: a projection written inline is a new expression tree on every request, and each property in it is a
    // reflection lookup. The warning column is put in per request (ToItem): it reads this request's context's sets.
    private static readonly Expression<Func<Client, ListWarningColumn, ClientListItem>> ToItemWith = (c, column) => new ClientListItem(c.Id,
        c.Name, c.ChineseName, c.Type, c.CountryCode, c.Region, c.Industry, c.Status, c.Grade, c.Classes!.Pareto, c.Classes!.Lifecycle,
        c.OwnerId, c.DepartmentId, c.UpdatedAt, c.CardReviewDueOn, c.ContactDueOn, c.NormalizedName, c.Phone, c.Email, column);

    /// <summary>
    /// A row with its warning column (预警栏), read by the page's own statement. Built only where a statement runs: a kept first
    /// page (most requests) needs none, and building it was 7% of such a request's CPU.
    /// </summary>
    private Expression<Func<Client, ClientListItem>> ToItem()
    {
        var client = ToItemWith.Parameters[0];
        var column = WarningColumnView.ListColumnOf(Expression.Property(client, nameof(Client.Id)), db);
        return Expression.Lambda<Func<Client, ClientListItem>>(Predicates.Substitute(ToItemWith.Body, ToItemWith.Parameters[1], column), client);
    }

    // The sort key of each sort: (UpdatedAt, Id), (NormalizedName, Id), or (Country|Status|Grade, NormalizedName, Id).
    private sealed record ClientKey(DateTimeOffset UpdatedAt, string Name, string Country, ClientStatus Status, ClientGrade Grade, Guid Id);

    private ClientKey ReadKey(Cursor c) => Sort switch
    {
        "updated" => new ClientKey(c.Time(0), "", "", default, default, c.Id(1)),
        "name" => new ClientKey(default, c.Text(0), "", default, default, c.Id(1)),
        "country" => new ClientKey(default, c.Text(1), c.Text(0), default, default, c.Id(2)),
        "status" => new ClientKey(default, c.Text(1), "", c.Enum<ClientStatus>(0), default, c.Id(2)),
        _ => new ClientKey(default, c.Text(1), "", default, c.Enum<ClientGrade>(0), c.Id(2)),
    };

    private string CursorOf(ClientListItem r) => Sort switch
    {
        "updated" => Cursor.Encode(r.UpdatedAt, r.Id),
        "name" => Cursor.Encode(r.NormalizedName, r.Id),
        "country" => Cursor.Encode(r.CountryCode, r.NormalizedName, r.Id),
        "status" => Cursor.Encode(r.Status, r.NormalizedName, r.Id),
        _ => Cursor.Encode(r.Grade, r.NormalizedName, r.Id),
    };

    /// <summary>
    /// The rows in reading order past the cursor (or, going back, in reverse order before it). Every key is compared as
    /// one row value, <c>(a, b) &gt; (x, y)</c>, which PostgreSQL answers from the sort's index.
    /// </summary>
    private IQueryable<Client> Ordered(IQueryable<Client> q, ClientKey? k, Seek seek)
    {
        var ascending = Desc ? seek == Seek.Before : seek != Seek.Before;
        if (k is not null && seek != Seek.First)
        {
            q = (Sort, ascending) switch
            {
                ("updated", true) => q.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.UpdatedAt, c.Id), ValueTuple.Create(k.UpdatedAt, k.Id))),
                ("updated", false) => q.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.UpdatedAt, c.Id), ValueTuple.Create(k.UpdatedAt, k.Id))),
                ("name", true) => q.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.NormalizedName, c.Id), ValueTuple.Create(k.Name, k.Id))),
                ("name", false) => q.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.NormalizedName, c.Id), ValueTuple.Create(k.Name, k.Id))),
                ("country", true) => q.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CountryCode, c.NormalizedName, c.Id), ValueTuple.Create(k.Country, k.Name, k.Id))),
                ("country", false) => q.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CountryCode, c.NormalizedName, c.Id), ValueTuple.Create(k.Country, k.Name, k.Id))),
                ("status", true) => q.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Status, c.NormalizedName, c.Id), ValueTuple.Create(k.Status, k.Name, k.Id))),
                ("status", false) => q.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Status, c.NormalizedName, c.Id), ValueTuple.Create(k.Status, k.Name, k.Id))),
                (_, true) => q.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Grade, c.NormalizedName, c.Id), ValueTuple.Create(k.Grade, k.Name, k.Id))),
                (_, false) => q.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Grade, c.NormalizedName, c.Id), ValueTuple.Create(k.Grade, k.Name, k.Id))),
            };
        }

        return (Sort, ascending) switch
        {
            ("updated", true) => q.OrderBy(ByUpdated).ThenBy(ById),
            ("updated", false) => q.OrderByDescending(ByUpdated).ThenByDescending(ById),
            ("name", true) => q.OrderBy(ByName).ThenBy(ById),
            ("name", false) => q.OrderByDescending(ByName).ThenByDescending(ById),
            ("country", true) => q.OrderBy(ByCountry).ThenBy(ByName).ThenBy(ById),
            ("country", false) => q.OrderByDescending(ByCountry).ThenByDescending(ByName).ThenByDescending(ById),
            ("status", true) => q.OrderBy(ByStatus).ThenBy(ByName).ThenBy(ById),
            ("status", false) => q.OrderByDescending(ByStatus).ThenByDescending(ByName).ThenByDescending(ById),
            (_, true) => q.OrderBy(ByGrade).ThenBy(ByName).ThenBy(ById),
            (_, false) => q.OrderByDescending(ByGrade).ThenByDescending(ByName).ThenByDescending(ById),
        };
    }
}
