using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// The warning engine's company-wide run (SPEC §7) every <see cref="WarningThresholds.RunEveryMinutes"/> minutes, a
/// leaders' setting on /Settings/Warnings (saving it reschedules this job).
/// </summary>
[DisallowConcurrentExecution]
public sealed class WarningRunJob(WarningEngine engine) : ICrmJob
{
    public static string Name => "warnings";

    public static async Task<JobSchedule> ScheduleAsync(IServiceProvider services, CancellationToken ct)
    {
        var settings = await services.GetRequiredService<CrmDbContext>().WarningSettings.AsNoTracking().SingleAsync(ct);
        return JobSchedule.Every(settings.Thresholds.RunEveryMinutes);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await engine.RunAsync(WarningRunTrigger.Scheduled, cancellationToken);
    }
}
