using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Outbox;

/// <summary>
/// Runs <see cref="OutboxDispatcher.DispatchDueAsync"/> in every app instance: right after a commit of this instance wrote
/// outbox messages (<see cref="OutboxSignal"/>), and otherwise every <c>Crm:Outbox:PollInterval</c> (default 5 seconds),
/// which picks up other instances' messages and retries that have come due. It is not a scheduled job and ignores
/// <c>Crm:Jobs:Enabled</c>: what follows a save (the warning column, the messages) depends on it wherever saves happen.
/// </summary>
public sealed partial class OutboxDispatchService(OutboxDispatcher dispatcher, OutboxSignal signal, TimeProvider clock, IConfiguration configuration,
    ILogger<OutboxDispatchService> log) : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Crm:Outbox:PollInterval", TimeSpan.FromSeconds(5));
        var purgedAt = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await dispatcher.DispatchDueAsync(stoppingToken);
                    if (clock.GetUtcNow() - purgedAt >= PurgeEvery)
                    {
                        await dispatcher.PurgeProcessedAsync(stoppingToken);
                        purgedAt = clock.GetUtcNow();
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database away, say: nothing is lost, the deliveries wait for the next pass.
                    LogPassFailed(log, ex);
                }

                await signal.WaitAsync(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping; a delivery in progress was rolled back and stays pending.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox dispatch pass failed; the pending deliveries are tried again at the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
