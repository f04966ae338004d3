using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// Polls for jobs that are due (the quarterly regrade; the warning engine joins later). Every instance polls; the
/// advisory lock inside each job makes sure a job runs once. A failing job is logged as an error and tried again at
/// the next poll.
/// </summary>
public sealed partial class ScheduledJobs(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration,
    ILogger<ScheduledJobs> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Crm:Jobs:PollInterval", TimeSpan.FromMinutes(15));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            await RunDueJobsAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunDueJobsAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RegradeService>().RunAsync(GradingTrigger.Scheduled, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogJobFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduled job failed; it is retried at the next poll")]
    private static partial void LogJobFailed(ILogger logger, Exception exception);
}
