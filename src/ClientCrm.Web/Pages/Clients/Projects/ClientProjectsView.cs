using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>One project as the client page lists it.</summary>
public sealed record ClientProjectRow(
    Guid Id,
    string Name,
    string? JobTypes,
    ProjectStatus Status,
    int WorkersRequested,
    int WorkersDispatched,
    decimal? ContractAmount,
    string? Currency,
    decimal? AmountCny,
    DateOnly? ContractSignedOn,
    DateOnly? DepartureOn,
    DateOnly? ContractEndOn,
    int OpenIncidents,
    DateTimeOffset CreatedAt,
    string? WorkSite = null)
{
    public string CursorText => Cursor.Encode(CreatedAt, Id);
}

/// <summary>One line of the project execution table: a signing year, the not-yet-signed projects, or the total.</summary>
public sealed record ProjectExecutionRow(int? Year, int Batches, int WorkersRequested, int WorkersDispatched, decimal AmountCny, int OpenIncidents);

/// <summary>
/// The client's cooperation records for its page: the 客户项目执行情况统计表 (by year of contract signing, unsigned
/// projects apart, then the total) and the newest projects; the list page (<c>/Clients/{id}/Projects</c>) pages through
/// all of them. A client may have hundreds of batches: the table is summed in the database, and only
/// <see cref="Shown"/> projects are read.
/// </summary>
public sealed class ClientProjectsView
{
    /// <summary>How many of the newest projects the client page lists.</summary>
    public const int Shown = 10;

    public Guid ClientId { get; init; }
    public ClientStatus ClientStatus { get; init; }

    /// <summary>SPEC §2: only an Active client may have new cooperation projects.</summary>
    public bool CanAddProject => ClientStatus == ClientStatus.Active;

    /// <summary>The newest <see cref="Shown"/>, newest first.</summary>
    public IReadOnlyList<ClientProjectRow> Projects { get; init; } = [];

    /// <summary>Signing years in order, then the not-yet-signed row (Year null) when there are such projects.</summary>
    public IReadOnlyList<ProjectExecutionRow> Execution { get; init; } = [];

    public ProjectExecutionRow Total { get; init; } = new(null, 0, 0, 0, 0m, 0);

    /// <summary>More projects than the page lists: it links the list page.</summary>
    public bool HasMore => Total.Batches > Projects.Count;

    /// <summary>
    /// Four queries whatever the number of projects: the table's sums by year (an index-only scan of the client's
    /// projects), the open incidents by year, the newest projects and their open incidents.
    /// </summary>
    public static async Task<ClientProjectsView> LoadAsync(CrmDbContext db, Guid clientId, ClientStatus status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var projects = db.CooperationProjects.AsNoTracking().Where(p => p.ClientId == clientId);
        var sums = await projects
            .GroupBy(p => p.ContractSignedOn == null ? (int?)null : p.ContractSignedOn.Value.Year)
            .Select(g => new
            {
                Year = g.Key,
                Batches = g.Count(),
                Requested = g.Sum(p => p.WorkersRequested),
                Dispatched = g.Sum(p => p.WorkersDispatched),
                Amount = g.Sum(p => p.AmountCny ?? 0m),
            })
            .ToListAsync(ct);
        var openByYear = await (
                from i in db.WorkerIncidents.AsNoTracking()
                where i.ClientId == clientId && i.Status != IncidentStatus.Resolved
                join p in projects on i.ProjectId equals p.Id
                group i by p.ContractSignedOn == null ? (int?)null : p.ContractSignedOn.Value.Year into g
                select new { Year = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Year ?? 0, g => g.Count, ct);
        var execution = sums
            .Select(g => new ProjectExecutionRow(g.Year, g.Batches, g.Requested, g.Dispatched, g.Amount, openByYear.GetValueOrDefault(g.Year ?? 0)))
            .OrderBy(r => r.Year is null).ThenBy(r => r.Year)
            .ToList();

        return new ClientProjectsView
        {
            ClientId = clientId,
            ClientStatus = status,
            Projects = await WithOpenIncidentsAsync(db, await Rows(NewestFirst(projects, null, Seek.First)).Take(Shown).ToListAsync(ct), ct),
            Execution = execution,
            Total = new ProjectExecutionRow(null, execution.Sum(r => r.Batches), execution.Sum(r => r.WorkersRequested),
                execution.Sum(r => r.WorkersDispatched), execution.Sum(r => r.AmountCny), execution.Sum(r => r.OpenIncidents)),
        };
    }

    /// <summary>
    /// Newest first, keyset-paged on (CreatedAt, Id) by the index on (ClientId, CreatedAt, Id): the rows past the cursor, or
    /// before it in reverse order when going back.
    /// </summary>
    public static IQueryable<CooperationProject> NewestFirst(IQueryable<CooperationProject> projects, Cursor? cursor, Seek seek)
    {
        ArgumentNullException.ThrowIfNull(projects);
        if (cursor is not null && seek != Seek.First)
        {
            var (at, id) = (cursor.Time(0), cursor.Id(1));
            return seek == Seek.After
                ? projects.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.CreatedAt, p.Id), ValueTuple.Create(at, id)))
                    .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                : projects.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.CreatedAt, p.Id), ValueTuple.Create(at, id)))
                    .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id);
        }

        return projects.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
    }

    /// <summary>Reads a cursor of <see cref="NewestFirst"/>, or null (first page) when it is not one.</summary>
    public static Cursor? ReadCursor(string? token) => Cursor.Read(token, 2, c =>
    {
        _ = (c.Time(0), c.Id(1));
        return c;
    });

    /// <summary>The projects as rows, projected in the database (their open incidents are added by <see cref="WithOpenIncidentsAsync"/>).</summary>
    public static IQueryable<ClientProjectRow> Rows(IQueryable<CooperationProject> projects) => projects.Select(p => new ClientProjectRow(
        p.Id, p.Name, p.JobTypes, p.Status, p.WorkersRequested, p.WorkersDispatched, p.ContractAmount, p.Currency, p.AmountCny,
        p.ContractSignedOn, p.DepartureOn, p.ContractEndOn, 0, p.CreatedAt, p.WorkSite));

    /// <summary>The rows with the number of open incidents of each: one query for the page.</summary>
    public static async Task<List<ClientProjectRow>> WithOpenIncidentsAsync(CrmDbContext db, IReadOnlyList<ClientProjectRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var open = await db.WorkerIncidents.AsNoTracking()
            .Where(i => EF.MultipleParameters(ids).Contains(i.ProjectId) && i.Status != IncidentStatus.Resolved)
            .GroupBy(i => i.ProjectId).Select(g => new { ProjectId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProjectId, g => g.Count, ct);
        return rows.Select(r => r with { OpenIncidents = open.GetValueOrDefault(r.Id) }).ToList();
    }
}

/// <summary>What the project table partial shows: a page of one client's projects.</summary>
public sealed record ProjectTable(Guid ClientId, IReadOnlyList<ClientProjectRow> Rows);
