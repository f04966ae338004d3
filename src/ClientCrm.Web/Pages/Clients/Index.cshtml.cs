using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

public sealed record ClientRow(Guid Id, string Name, string? ChineseName, ClientType Type, string CountryCode, Region Region,
    Industry Industry, ClientStatus Status, ClientGrade Grade, ParetoClass? ParetoClass, LifecycleStage? LifecycleStage,
    string OwnerName, string DepartmentName, DateTimeOffset UpdatedAt, bool ReviewDue, bool ContactOverdue);

/// <summary>
/// 客户资料库: the clients in the user's scope, paged, filtered and sorted in the database. One search box takes a
/// part of a name, or an exact phone, email, tax or registration number (matched through the blind indexes).
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, IBlindIndexer indexer, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

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
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ClientRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public bool ShowDepartmentFilter => actor.Scope.Level == ScopeLevel.All;

    /// <summary>The warning column (预警栏): the open warnings of the listed clients, read in one query.</summary>
    public ILookup<Guid, WarningColumnItem> OpenWarnings { get; private set; } = Array.Empty<WarningColumnItem>().ToLookup(w => w.ClientId);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var query = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var exact = db.Clients.WhereExactIdentifier(term, indexer).Select(c => c.Id);
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern)
                                     || (c.ChineseName != null && EF.Functions.ILike(c.ChineseName, pattern))
                                     || exact.Contains(c.Id));
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

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var thresholds = (await db.GradingSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
        if (Overdue)
        {
            query = query.WhereContactOverdue(today, thresholds);
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, PageCount);
        var dueBefore = clock.GetUtcNow() - Client.CardReviewInterval;
        var page = await Sorted(query)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new
            {
                Row = new ClientRow(c.Id, c.Name, c.ChineseName, c.Type, c.CountryCode, c.Region, c.Industry, c.Status, c.Grade,
                    c.Classes!.Pareto, c.Classes!.Lifecycle,
                    db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                    db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
                    c.UpdatedAt, c.CardReviewedAt <= dueBefore, false),
                c.LastContactOn,
                c.RegisteredAt,
            })
            .ToListAsync(ct);
        Rows = page.Select(r => r.Row with
        {
            ContactOverdue = ContactDuty.IsOverdue(r.Row.Grade, r.Row.Status,
                Client.ContactClockStartOf(r.LastContactOn, r.RegisteredAt), today, thresholds),
        }).ToList();

        OpenWarnings = await WarningColumnView.OpenByClientAsync(db, Rows.Select(r => r.Id).ToList(), ct);
        Owners = await ClientOwners.AssignableAsync(db, actor.Scope, ct);
        if (ShowDepartmentFilter)
        {
            Departments = (await db.Departments.OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
                .Select(d => (d.Id, d.Name)).ToList();
        }
    }

    /// <summary>Query-string values for a link that keeps the current filters but changes some.</summary>
    public Dictionary<string, string?> RouteWith(string? sort = null, int? page = null)
    {
        var newSort = sort ?? Sort;
        var desc = sort is null ? Desc : sort == Sort ? !Desc : sort is "updated" or "registered";
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
            ["p"] = (page ?? (sort is null ? PageNumber : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private IQueryable<Client> Sorted(IQueryable<Client> query) => (Sort, Desc) switch
    {
        ("name", false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
        ("name", true) => query.OrderByDescending(c => c.Name).ThenBy(c => c.Id),
        ("country", false) => query.OrderBy(c => c.CountryCode).ThenBy(c => c.Name).ThenBy(c => c.Id),
        ("country", true) => query.OrderByDescending(c => c.CountryCode).ThenBy(c => c.Name).ThenBy(c => c.Id),
        ("status", false) => query.OrderBy(c => c.Status).ThenBy(c => c.Name).ThenBy(c => c.Id),
        ("status", true) => query.OrderByDescending(c => c.Status).ThenBy(c => c.Name).ThenBy(c => c.Id),
        ("grade", false) => query.OrderBy(c => c.Grade).ThenBy(c => c.Name).ThenBy(c => c.Id),
        ("grade", true) => query.OrderByDescending(c => c.Grade).ThenBy(c => c.Name).ThenBy(c => c.Id),
        ("registered", false) => query.OrderBy(c => c.RegisteredAt).ThenBy(c => c.Id),
        ("registered", true) => query.OrderByDescending(c => c.RegisteredAt).ThenBy(c => c.Id),
        (_, false) => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        _ => query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id),
    };
}
