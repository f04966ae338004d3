using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Warnings;

/// <summary>The engine raised a warning because <paramref name="Rule"/> holds for the client.</summary>
public sealed record WarningRaised(Guid WarningId, Guid ClientId, WarningRule Rule, WarningFamily Family, WarningSeverity Severity,
    DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A member of staff filed a warning by hand.</summary>
public sealed record WarningFiled(Guid WarningId, Guid ClientId, WarningFamily Family, WarningSeverity Severity, string FiledById,
    DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>
/// A step of the review that the table says to tell someone of (<see cref="Warning.Review"/>): the head said what is to be
/// done, or closed the warning. <paramref name="Tell"/> are the parties to tell; whoever took the step is never told.
/// </summary>
public sealed record WarningStepTaken(Guid WarningId, Guid ClientId, WarningAction Action, WarningState To, Workflows.Parties Tell,
    string ActorId, DateTimeOffset OccurredAt) : IDomainEvent;
