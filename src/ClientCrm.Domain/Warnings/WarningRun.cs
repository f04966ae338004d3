namespace ClientCrm.Domain.Warnings;

public enum WarningRunTrigger
{
    Scheduled = 1,
    OnDemand = 2,
}

/// <summary>
/// One company-wide pass of the warning engine and what it changed; leaders see the list. Passes for one client after
/// its data changed are not recorded here.
/// </summary>
public class WarningRun
{
    private WarningRun() { }

    public WarningRun(WarningRunTrigger trigger, string? startedById, string? startedByName, DateTimeOffset startedAt)
    {
        Id = Guid.CreateVersion7(startedAt);
        Trigger = trigger;
        StartedById = startedById;
        StartedByName = startedByName;
        StartedAt = startedAt;
    }

    public Guid Id { get; private set; }
    public WarningRunTrigger Trigger { get; private set; }
    public string? StartedById { get; private set; }
    public string? StartedByName { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public int Assessed { get; private set; }
    public int Raised { get; private set; }
    public int Refreshed { get; private set; }
    public int Cleared { get; private set; }
    public int Returned { get; private set; }
    public int Escalated { get; private set; }

    /// <summary>Warnings this run wrote to; zero when nothing had changed since the last run.</summary>
    public int Written => Raised + Refreshed + Cleared + Returned + Escalated;

    public void Finish(WarningRunCounts counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Assessed = counts.Assessed;
        Raised = counts.Raised;
        Refreshed = counts.Refreshed;
        Cleared = counts.Cleared;
        Returned = counts.Returned;
        Escalated = counts.Escalated;
        FinishedAt = now;
    }
}

/// <summary>What one pass of the engine did.</summary>
public sealed record WarningRunCounts(int Assessed, int Raised, int Refreshed, int Cleared, int Returned, int Escalated)
{
    public int Written => Raised + Refreshed + Cleared + Returned + Escalated;
}
