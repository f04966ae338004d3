using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// Writes every firing of a catalog job to <see cref="JobRun"/>: a row when it starts (so the page can say "running"),
/// its end and outcome when it ends. After each run it also brings the job's trigger in line with its settings
/// (<see cref="JobSchedules"/>), so a schedule changed on an instance without a scheduler is applied at the next firing.
/// A failure to record is logged and never fails the job: the engines keep their own run records.
/// </summary>
public sealed partial class JobRunRecorder(IServiceScopeFactory scopes, JobSchedules schedules, ILogger<JobRunRecorder> log) : IJobListener
{
    /// <summary>Runs older than this are deleted when a run ends: enough for the page, bounded at any interval.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(90);

    public string Name => "ClientCrm.JobRuns";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await RecordAsync(context, async db =>
        {
            db.JobRuns.Add(new JobRun(context.JobDetail.Key.Name, context.FireInstanceId, context.Scheduler.SchedulerInstanceId,
                context.ScheduledFireTimeUtc, context.FireTimeUtc));
            await db.SaveChangesAsync(cancellationToken);
        });
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Quartz's clock, like the firing time the row already has.
        var finished = context.FireTimeUtc + context.JobRunTime;
        var outcome = jobException is null ? JobRunOutcome.Succeeded : JobRunOutcome.Failed;
        // The innermost exception says what went wrong (a PostgreSQL error, say); the wrappers around it say only that
        // something did. Npgsql leaves a server error's detail (which may hold data) out of the message.
        var message = jobException is null ? null : Cut(jobException.GetBaseException().Message);
        if (jobException is not null)
        {
            LogJobFailed(log, context.JobDetail.Key.Name, jobException.GetBaseException());
        }

        await RecordAsync(context, async db =>
        {
            await db.JobRuns.Where(r => r.FireInstanceId == context.FireInstanceId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FinishedAt, finished)
                .SetProperty(r => r.Outcome, outcome)
                .SetProperty(r => r.Message, message), cancellationToken);
            var cutoff = finished - Kept;
            await db.JobRuns.Where(r => r.FiredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        });
        // On the scheduler the job fired on: a firing that ends while its instance stops finds it shut down.
        await schedules.ApplyAsync(context.Scheduler, context.JobDetail.Key.Name, cancellationToken);
    }

    private async Task RecordAsync(IJobExecutionContext context, Func<CrmDbContext, Task> write)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await write(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(log, context.JobDetail.Key.Name, ex);
        }
    }

    private static string Cut(string message) => message.Length <= JobRun.MessageLength ? message : message[..(JobRun.MessageLength - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled job {Job} failed; its next firing runs it again")]
    private static partial void LogJobFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a run of the scheduled job {Job} for the jobs page")]
    private static partial void LogRecordFailed(ILogger logger, string job, Exception exception);
}
