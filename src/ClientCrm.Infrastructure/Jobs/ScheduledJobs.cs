using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Warnings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// Polls for jobs that are due: the quarterly regrade and the warning engine (hourly by default, a setting). Every
/// instance polls; the advisory lock inside each job makes sure a job runs once. A failing job is logged as an error
/// and tried again at the next poll; one failing job does not keep the others from running.
/// </summary>
public sealed partial class ScheduledJobs(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration,
    ILogger<ScheduledJobs> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Crm:Jobs:PollInterval", TimeSpan.FromMinutes(5));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await RunDueJobsAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunDueJobsAsync(CancellationToken ct)
    {
        await RunAsync("regrade", sp => sp.GetRequiredService<RegradeService>().RunAsync(GradingTrigger.Scheduled, ct), ct);
        await RunAsync("warnings", sp => sp.GetRequiredService<WarningEngine>().RunAsync(WarningRunTrigger.Scheduled, ct), ct);
    }

    private async Task RunAsync(string job, Func<IServiceProvider, Task> run, CancellationToken ct)
    {
        try
        {
            // A scope (and so a DbContext) per job: a failed job leaves nothing behind for the next.
            await using var scope = scopes.CreateAsyncScope();
            await run(scope.ServiceProvider);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogJobFailed(log, job, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled job {Job} failed; it is retried at the next poll")]
    private static partial void LogJobFailed(ILogger logger, string job, Exception exception);
}
