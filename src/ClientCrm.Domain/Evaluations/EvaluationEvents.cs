using ClientCrm.Domain.Common;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Evaluations;

/// <summary>
/// A step of an evaluation was taken. <paramref name="Tell"/> are the parties the table says to tell (the head after a
/// submission, the leaders after the head's review, the owner after a return or decision); whoever acted is never told.
/// </summary>
public sealed record EvaluationStepTaken(Guid EvaluationId, Guid ClientId, EvaluationAction Action, EvaluationState To, Parties Tell,
    string ActorId, DateTimeOffset OccurredAt) : IDomainEvent;
