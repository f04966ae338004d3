using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Cooperation;

/// <summary>A cooperation project (batch) was opened for the client.</summary>
public sealed record ProjectOpened(Guid ClientId, Guid ProjectId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A project's terms were revised.</summary>
public sealed record ProjectRevised(Guid ClientId, Guid ProjectId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>An incident among the workers of a project was recorded.</summary>
public sealed record IncidentRecorded(Guid ClientId, Guid ProjectId, Guid IncidentId, IncidentType Type, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>An incident was revised (its status, handling, workers affected…).</summary>
public sealed record IncidentRevised(Guid ClientId, Guid ProjectId, Guid IncidentId, IncidentType Type, IncidentStatus Status, DateTimeOffset OccurredAt)
    : IDomainEvent;

/// <summary>A project's contract review passed and the project was initiated (立项) with its number.</summary>
public sealed record ProjectInitiated(Guid ClientId, Guid ProjectId, string ProjectNumber, DateTimeOffset OccurredAt) : IDomainEvent;
