namespace ClientCrm.Infrastructure.Jobs;

public enum JobRunOutcome
{
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>
/// One firing of a scheduled job as the scheduler ran it: when it fired, when it ended and how. Written by
/// <see cref="JobRunRecorder"/> (a Quartz job listener) on the instance that ran it; admins read the latest ones on
/// /Admin/Jobs. Quartz's own tables keep only the next and previous firing of a trigger, not what became of a run.
/// </summary>
public sealed class JobRun
{
    public const int MessageLength = 1000;

    private JobRun() { }

    public JobRun(string job, string fireInstanceId, string instance, DateTimeOffset? scheduledFor, DateTimeOffset firedAt)
    {
        Id = Guid.CreateVersion7(firedAt);
        Job = job;
        FireInstanceId = fireInstanceId;
        Instance = instance;
        ScheduledFor = scheduledFor;
        FiredAt = firedAt;
        Outcome = JobRunOutcome.Running;
    }

    public Guid Id { get; private set; }

    /// <summary>The job's name in the catalog (<see cref="ICrmJob.Name"/>).</summary>
    public string Job { get; private set; } = "";

    /// <summary>Quartz's id of this firing, unique across the cluster: how the end of the run finds its row.</summary>
    public string FireInstanceId { get; private set; } = "";

    /// <summary>The scheduler instance (app instance) that ran it.</summary>
    public string Instance { get; private set; } = "";

    /// <summary>When the trigger meant it to fire; earlier than <see cref="FiredAt"/> after a misfire.</summary>
    public DateTimeOffset? ScheduledFor { get; private set; }

    public DateTimeOffset FiredAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public JobRunOutcome Outcome { get; private set; }

    /// <summary>Why it failed (the exception's message, cut to <see cref="MessageLength"/>); empty when it succeeded.</summary>
    public string? Message { get; private set; }
}
