using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Workflows;

/// <summary>
/// One line of a workflow item's timeline: who did what, when, with their comment. Lines are only added, never changed, so
/// every round of a workflow (rejected, revised, resubmitted) stays in the history. A line is a client record's line: the
/// scope filter reaches its client through its item.
/// </summary>
public interface ITimelineLine : IWorkflowLine, IClientRecordLine;

/// <summary>
/// A timeline line as the timeline shows it, whatever the item: a client record's (<see cref="ITimelineLine"/>, scoped
/// through its client) or an item that is no client record (an access request, which its requester reads without seeing the client).
/// </summary>
public interface IWorkflowLine
{
    /// <summary>Time-ordered (version 7): lines of the same instant keep the order they were written in.</summary>
    Guid Id { get; }

    DateTimeOffset At { get; }

    /// <summary>Null when the system did it (the engine, an escalation).</summary>
    string? ActorId { get; }

    string? ActorName { get; }

    /// <summary>The comment, or what the step recorded; null when it recorded none.</summary>
    string? Text { get; }
}
