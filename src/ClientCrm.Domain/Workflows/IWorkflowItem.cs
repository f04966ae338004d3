namespace ClientCrm.Domain.Workflows;

/// <summary>
/// A record that moves through a workflow table (a client's, or a prospect's report): what the shared parts (escalation of
/// overdue steps, the "waiting longest first" lists) need of it. The step waiting is the one entered at <see cref="StateSince"/>;
/// <see cref="EscalatedAt"/> is set once that step went to the leaders and cleared by the next step.
/// </summary>
public interface IWorkflowItem
{
    Guid Id { get; }

    DateTimeOffset StateSince { get; }

    DateTimeOffset? EscalatedAt { get; }

    /// <summary>The step now waiting is overdue: it goes to the leaders, once per step.</summary>
    void Escalate(DateTimeOffset now);
}
