using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Persistence;
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
    string? WorkSite = null);

/// <summary>One line of the project execution table: a signing year, the not-yet-signed projects, or the total.</summary>
public sealed record ProjectExecutionRow(int? Year, int Batches, int WorkersRequested, int WorkersDispatched, decimal AmountCny, int OpenIncidents);

/// <summary>
/// The client's cooperation records for its page: the 客户项目执行情况统计表 (by year of contract signing, unsigned
/// projects apart, then the total) and the project list.
/// </summary>
public sealed class ClientProjectsView
{
    public Guid ClientId { get; init; }
    public ClientStatus ClientStatus { get; init; }

    /// <summary>SPEC §2: only an Active client may have new cooperation projects.</summary>
    public bool CanAddProject => ClientStatus == ClientStatus.Active;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ClientProjectRow> Projects { get; init; } = [];

    /// <summary>Signing years in order, then the not-yet-signed row (Year null) when there are such projects.</summary>
    public IReadOnlyList<ProjectExecutionRow> Execution { get; init; } = [];

    public ProjectExecutionRow Total { get; init; } = new(null, 0, 0, 0, 0m, 0);

    /// <summary>Two queries whatever the number of projects: the projects and their open incidents.</summary>
    public static async Task<ClientProjectsView> LoadAsync(CrmDbContext db, Guid clientId, ClientStatus status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.WorkerIncidents.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.Status != IncidentStatus.Resolved)
            .GroupBy(i => i.ProjectId).Select(g => new { ProjectId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProjectId, g => g.Count, ct);
        var projects = (await db.CooperationProjects.AsNoTracking()
            .Where(p => p.ClientId == clientId)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new ClientProjectRow(
                p.Id, p.Name, p.JobTypes, p.Status, p.WorkersRequested, p.WorkersDispatched, p.ContractAmount, p.Currency, p.AmountCny,
                p.ContractSignedOn, p.DepartureOn, p.ContractEndOn, 0, p.WorkSite))
            .ToListAsync(ct))
            .Select(p => p with { OpenIncidents = open.GetValueOrDefault(p.Id) })
            .ToList();

        var signed = projects.Where(p => p.ContractSignedOn is not null)
            .GroupBy(p => p.ContractSignedOn!.Value.Year)
            .OrderBy(g => g.Key)
            .Select(g => Sum(g.Key, g))
            .ToList();
        var unsigned = projects.Where(p => p.ContractSignedOn is null).ToList();
        if (unsigned.Count > 0)
        {
            signed.Add(Sum(null, unsigned));
        }

        return new ClientProjectsView
        {
            ClientId = clientId,
            ClientStatus = status,
            Projects = projects,
            Execution = signed,
            Total = Sum(null, projects),
        };
    }

    private static ProjectExecutionRow Sum(int? year, IEnumerable<ClientProjectRow> rows)
    {
        var list = rows as IReadOnlyCollection<ClientProjectRow> ?? rows.ToList();
        return new ProjectExecutionRow(year, list.Count, list.Sum(p => p.WorkersRequested), list.Sum(p => p.WorkersDispatched),
            list.Sum(p => p.AmountCny ?? 0m), list.Sum(p => p.OpenIncidents));
    }
}
