using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Cooperation;

public sealed record IncidentDetails
{
    public IncidentType Type { get; init; }
    public DateOnly OccurredOn { get; init; }
    public int WorkersAffected { get; init; }
    public required string Description { get; init; }
    public IncidentStatus Status { get; init; } = IncidentStatus.Open;
    public string? HandlingRecord { get; init; }
    /// <summary>Wages owed to the workers affected, in <see cref="ArrearsCurrency"/>; required for wage arrears.</summary>
    public decimal? ArrearsAmount { get; init; }
    public string? ArrearsCurrency { get; init; }
}

/// <summary>
/// An event among the workers abroad on one project (境外劳务人员事件). Its client is stored too, so the scope
/// filter and the grading and warning queries reach it without going through the project.
/// </summary>
public class WorkerIncident : RecordsDomainEvents, IAuditable, IClientRecord
{
    private WorkerIncident() { }

    internal WorkerIncident(CooperationProject project, IncidentDetails details, BusinessClock clock)
    {
        Id = Guid.CreateVersion7(clock.UtcNow);
        ProjectId = project.Id;
        ClientId = project.ClientId;
        RecordedAt = clock.UtcNow;
        Apply(details, project.BatchWorkerCount, clock);
        AddDomainEvent(new IncidentRecorded(ClientId, ProjectId, Id, Type, clock.UtcNow));
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public CooperationProject? Project { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public IncidentType Type { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public int WorkersAffected { get; private set; }
    public string Description { get; private set; } = "";
    public IncidentStatus Status { get; private set; }
    public string? HandlingRecord { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }
    /// <summary>The wages in arrears (拖欠工资金额) in their own currency; always set on a wage-arrears incident.</summary>
    public decimal? ArrearsAmount { get; private set; }
    public string? ArrearsCurrency { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Open and handling both count as open for credit standing and the warning rules.</summary>
    public bool IsOpen => Status != IncidentStatus.Resolved;

    /// <summary>Through <see cref="CooperationProject.ReviseIncident"/>, which knows the batch's workers; resolving it sets
    /// <see cref="ResolvedOn"/> to the company's today.</summary>
    internal void Revise(CooperationProject project, IncidentDetails details, BusinessClock clock)
    {
        Apply(details, project.BatchWorkerCount, clock);
        AddDomainEvent(new IncidentRevised(ClientId, ProjectId, Id, Type, Status, clock.UtcNow));
    }

    /// <param name="batchWorkers">The project's <see cref="CooperationProject.BatchWorkerCount"/>; 0 sets no ceiling.</param>
    private void Apply(IncidentDetails details, int batchWorkers, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(clock);
        var today = clock.Today;
        if (string.IsNullOrWhiteSpace(details.Description))
        {
            throw new DomainException("Incident.DescriptionRequired", "An incident needs a description.");
        }

        if (details.WorkersAffected < 0)
        {
            throw new DomainException("Project.NegativeWorkers", "Worker counts cannot be negative.");
        }

        if (batchWorkers > 0 && details.WorkersAffected > batchWorkers)
        {
            throw new DomainException("Incident.AffectedOverBatch", "More workers affected than the batch has.");
        }

        var arrears = Money.Check(details.ArrearsAmount, details.ArrearsCurrency, "Incident.Arrears");
        if (details.Type == IncidentType.WageArrears && arrears.Amount is not > 0)
        {
            throw new DomainException("Incident.ArrearsRequired", "A wage-arrears incident needs the amount in arrears.");
        }

        if (details.OccurredOn > today)
        {
            throw new DomainException("Incident.InFuture", "An incident cannot be in the future.");
        }

        if (details.Status == IncidentStatus.Resolved && string.IsNullOrWhiteSpace(details.HandlingRecord))
        {
            throw new DomainException("Incident.HandlingRequired", "A resolved incident needs its handling record.");
        }

        ResolvedOn = details.Status == IncidentStatus.Resolved
            ? Status == IncidentStatus.Resolved ? ResolvedOn : today
            : null;
        Type = details.Type;
        OccurredOn = details.OccurredOn;
        WorkersAffected = details.WorkersAffected;
        Description = details.Description.Trim();
        Status = details.Status;
        HandlingRecord = Client.Clean(details.HandlingRecord);
        (ArrearsAmount, ArrearsCurrency) = arrears;
        UpdatedAt = clock.UtcNow;
    }
}
