using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// Looks at a client's warnings again right after a page saved data a rule reads (an incident, a project, the status or
/// the operating status), so the warning column is current when the user lands on the next page.
/// </summary>
public sealed partial class WarningTriggers(WarningEngine engine, ILogger<WarningTriggers> log)
{
    /// <summary>
    /// The user's change is already saved. If the look fails, the change must not be reported as failed: the failure is
    /// logged as an error and the next scheduled run (at most the run interval later) raises what is due.
    /// </summary>
    public async Task ClientDataChangedAsync(Guid clientId, CancellationToken ct = default)
    {
        try
        {
            await engine.RunForClientAsync(clientId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(log, clientId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Warning check for client {ClientId} after a change failed; the next scheduled run covers it")]
    private static partial void LogFailed(ILogger logger, Guid clientId, Exception exception);
}
