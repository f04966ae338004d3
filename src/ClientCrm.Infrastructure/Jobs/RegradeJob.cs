using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// The quarterly regrade (SPEC §4): on the first day of each quarter at <c>Crm:Jobs:RegradeAt</c> (default 00:00),
/// company time. The run itself still checks, under its lock, that no scheduled run happened this quarter
/// (<see cref="RegradeService.ScheduledRunDueAsync"/>), so a firing made up after a misfire, or a trigger made anew,
/// never regrades a quarter twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RegradeJob(RegradeService regrade) : ICrmJob
{
    public static string Name => "regrade";

    public static Task<JobSchedule> ScheduleAsync(IServiceProvider services, CancellationToken ct) =>
        Task.FromResult(JobSchedule.Quarterly(services.GetRequiredService<IConfiguration>().GetValue("Crm:Jobs:RegradeAt", TimeOnly.MinValue)));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await regrade.RunAsync(GradingTrigger.Scheduled, cancellationToken);
    }
}
