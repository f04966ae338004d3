using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// Reloads the key ring when the key file changes, in every app instance: polled (every
/// <see cref="Interval"/>) rather than watched, because file-change notifications do not cross the shared volumes
/// that several instances mount. A rotation started on one instance reaches the others within one interval; the
/// rotation job reloads before each run too.
/// </summary>
public sealed partial class KeyFileWatcher(KeyRing ring, ILogger<KeyFileWatcher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ring.KeyFile is not { } path)
        {
            return;
        }

        var seen = File.GetLastWriteTimeUtc(path);
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : seen;
            if (written == seen)
            {
                continue;
            }

            seen = written;
            try
            {
                if (ring.Reload())
                {
                    // Ids and fingerprints only: never key material.
                    LogReloaded(log, ring.ActiveKeyId, ring.BlindIndexKeyId, ring.HasPreviousBlindIndexKey);
                }
            }
            catch (InvalidOperationException ex)
            {
                LogReloadFailed(log, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key file reloaded: active key {ActiveKeyId}, blind-index key {BlindIndexKeyId} (previous kept: {Previous})")]
    private static partial void LogReloaded(ILogger logger, string activeKeyId, string blindIndexKeyId, bool previous);

    [LoggerMessage(Level = LogLevel.Error, Message = "The key file changed but cannot be used; the keys loaded before stay in use: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}
