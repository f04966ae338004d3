using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Warnings;

/// <summary>The engine raised a warning because <paramref name="Rule"/> holds for the client.</summary>
public sealed record WarningRaised(Guid WarningId, Guid ClientId, WarningRule Rule, WarningFamily Family, WarningSeverity Severity,
    DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A member of staff filed a warning by hand.</summary>
public sealed record WarningFiled(Guid WarningId, Guid ClientId, WarningFamily Family, WarningSeverity Severity, string FiledById,
    DateTimeOffset OccurredAt) : IDomainEvent;
