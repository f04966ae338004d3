using ClientCrm.Infrastructure.Jobs;
using Quartz;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// Runs unfinished key rotations (<see cref="KeyRotationRunner"/>): every minute (a no-op reading one small table when
/// none is open) and at once when a leader starts one. A Quartz job like the others rather than an outbox message,
/// because a rotation runs for minutes and must resume after a crash: the clustered store runs it on one instance at a
/// time and recovers it elsewhere, and the runner's progress lives in the data.
/// </summary>
[DisallowConcurrentExecution]
public sealed class KeyRotationJob(KeyRotationRunner runner) : ICrmJob
{
    public static string Name => "key-rotation";

    public static Task<JobSchedule> ScheduleAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult(JobSchedule.Every(1));

    /// <summary>Fires the job now where this instance runs a scheduler; elsewhere its next minute's firing starts it.</summary>
    public static async Task TriggerNowAsync(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService(typeof(ISchedulerFactory)) is ISchedulerFactory schedulers)
        {
            await (await schedulers.GetScheduler(ct)).TriggerJob(JobDefinition.Of<KeyRotationJob>().Key, ct);
        }
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunAsync(cancellationToken);
}
