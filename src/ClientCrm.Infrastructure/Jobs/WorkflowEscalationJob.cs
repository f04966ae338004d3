using ClientCrm.Infrastructure.Workflows;
using Quartz;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>Hourly: workflow steps left past their due time go to the leaders (<see cref="WorkflowEscalation"/>).</summary>
[DisallowConcurrentExecution]
public sealed class WorkflowEscalationJob(WorkflowEscalation escalation) : ICrmJob
{
    public const int EveryMinutes = 60;

    public static string Name => "workflow-escalation";

    public static Task<JobSchedule> ScheduleAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult(JobSchedule.Every(EveryMinutes));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await escalation.RunAsync(cancellationToken);
}
