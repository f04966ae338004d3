using System.Globalization;
using ClientCrm.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>Brings a job's trigger in line with its settings, after a page changed them.</summary>
public interface IJobSchedules
{
    /// <summary>Applies the current schedule of the job <paramref name="job"/>; never throws (a failure is logged).</summary>
    Task ApplyAsync(string job, CancellationToken ct = default);
}

/// <summary>
/// Keeps the shared job store in line with the catalog: each job stored (durable, recoverable) with one trigger that
/// fires as its settings say. A trigger that already matches is left alone, so a restart neither moves a firing nor
/// fires again; one that differs is replaced (<see cref="JobTriggers"/>). Runs at start-up before the scheduler starts,
/// after a settings page saves, and after each firing (<see cref="JobRunRecorder"/>).
/// </summary>
public sealed partial class JobSchedules(ISchedulerFactory schedulers, IEnumerable<JobDefinition> jobs, IServiceScopeFactory scopes,
    BusinessClock clock, ILogger<JobSchedules> log) : IJobSchedules
{
    private readonly IReadOnlyList<JobDefinition> _jobs = jobs.ToList();

    /// <summary>Stores every catalog job and its trigger, and removes jobs of the group that left the catalog.</summary>
    public async Task ApplyAllAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        foreach (var job in _jobs)
        {
            // Replacing the stored job keeps its class name current after a rename; its trigger is kept.
            await scheduler.AddJob(JobBuilder.Create().OfType(job.JobType).WithIdentity(job.Key).StoreDurably()
                // A run cut off by a crash is run again by another (or the next) instance: the engines work in one
                // transaction under their lock, so a cut-off run left nothing behind.
                .RequestRecovery().Build(), AddJobOptions.Replacing, ct);
            if (await scheduler.GetTriggerState(job.TriggerKey, ct) == TriggerState.Error)
            {
                await scheduler.ResetTriggerFromErrorState(job.TriggerKey, ct);
            }

            await ApplyAsync(scheduler, job, ct);
        }

        var known = _jobs.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobDefinition.Group), ct))
        {
            if (!known.Contains(key.Name))
            {
                await scheduler.DeleteJob(key, ct);
                LogRemoved(log, key.Name);
            }
        }
    }

    public async Task ApplyAsync(string job, CancellationToken ct = default)
    {
        IScheduler scheduler;
        try
        {
            scheduler = await schedulers.GetScheduler(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApplyFailed(log, job, ex);
            return;
        }

        await ApplyAsync(scheduler, job, ct);
    }

    /// <summary>
    /// Applies the schedule of <paramref name="job"/> on <paramref name="scheduler"/> (after a firing, the scheduler it
    /// fired on); never throws. A scheduler that is shut down, or shuts down meanwhile, is left alone: the instance is
    /// stopping, and every start applies the schedules from the settings (<see cref="ApplyAllAsync"/>).
    /// </summary>
    public async Task ApplyAsync(IScheduler scheduler, string job, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var definition = _jobs.FirstOrDefault(j => j.Name == job);
        if (definition is null)
        {
            return;
        }

        try
        {
            if (!Stopping(scheduler))
            {
                await ApplyAsync(scheduler, definition, ct);
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure because the scheduler shut down meanwhile is not one: as below.
            if (!Stopping(scheduler))
            {
                LogApplyFailed(log, job, ex);
                return;
            }
        }

        LogSkippedAtShutdown(log, job);
    }

    private static bool Stopping(IScheduler scheduler) => scheduler.Status is SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown;

    private async Task ApplyAsync(IScheduler scheduler, JobDefinition job, CancellationToken ct)
    {
        JobSchedule schedule;
        await using (var scope = scopes.CreateAsyncScope())
        {
            schedule = await job.ScheduleAsync(scope.ServiceProvider, ct);
        }

        var existing = await scheduler.GetTrigger(job.TriggerKey, ct);
        if (existing is not null && JobTriggers.Matches(existing, schedule, clock.Zone))
        {
            return;
        }

        // Trigger times are Quartz's, on the scheduler's clock.
        var now = scheduler.TimeProvider.GetUtcNow();
        var trigger = JobTriggers.Build(job, schedule, clock, now, existing);
        if (existing is not null)
        {
            LogScheduled(log, job.Name, Describe(schedule), await scheduler.RescheduleJob(job.TriggerKey, trigger, ct));
            return;
        }

        // Two instances starting at once may both find no trigger: the store keeps the first, and drops the other's.
        var stored = await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, ct);
        if (stored.Outcome != ScheduleOutcome.Created)
        {
            return;
        }

        LogScheduled(log, job.Name, Describe(schedule), stored.NextFireTimeUtc);
        // A new trigger fires from now on; this period's firing, if already past, counts as missed and fires once now
        // (a fresh installation regrades at its first start, then once a quarter).
        if (JobTriggers.PastFiringThisPeriod(schedule, clock, now) is { } missed)
        {
            await scheduler.TriggerJob(job.Key, null, ct);
            LogMissedFired(log, job.Name, missed);
        }
    }

    private string Describe(JobSchedule schedule) => schedule.Cron is { } cron
        ? string.Create(CultureInfo.InvariantCulture, $"{schedule.Kind} at {schedule.At:HH:mm} {clock.Zone.Id} (cron {cron})")
        : string.Create(CultureInfo.InvariantCulture, $"every {schedule.Minutes} minutes");

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled job {Job}: {Schedule}; next firing {Next:u}")]
    private static partial void LogScheduled(ILogger logger, string job, string schedule, DateTimeOffset? next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled job {Job} is new and its firing of this period ({Missed:u}) is past: it fires once now")]
    private static partial void LogMissedFired(ILogger logger, string job, DateTimeOffset missed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the scheduled job {Job}: it is no longer in the catalog")]
    private static partial void LogRemoved(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "The schedule of the job {Job} was not applied: the scheduler is shut down; every start applies it")]
    private static partial void LogSkippedAtShutdown(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply the schedule of the job {Job}; it is tried again after the job's next firing")]
    private static partial void LogApplyFailed(ILogger logger, string job, Exception exception);
}

/// <summary>
/// The stand-in where this instance runs no scheduler (Crm:Jobs:Enabled=false): a changed schedule is applied by the
/// instance that runs the job, after its next firing, or when a scheduler next starts.
/// </summary>
internal sealed class NoJobScheduler : IJobSchedules
{
    public Task ApplyAsync(string job, CancellationToken ct = default) => Task.CompletedTask;
}
