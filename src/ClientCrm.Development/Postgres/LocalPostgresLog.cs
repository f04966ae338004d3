using Microsoft.Extensions.Logging;

namespace ClientCrm.Development.Postgres;

// Nothing logged here may carry the password: commands only ever name the password file, never its content.
internal static partial class LocalPostgresLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Using PostgreSQL binaries in {BinDirectory}")]
    public static partial void UsingBinaries(this ILogger logger, string binDirectory);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Running as root: PostgreSQL tools run as the postgres OS user through {RunUser}")]
    public static partial void SwitchingUser(this ILogger logger, string runUser);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Running {Command} {Arguments}")]
    public static partial void RunningCommand(this ILogger logger, string command, string arguments);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating PostgreSQL cluster in {DataDirectory}")]
    public static partial void InitializingCluster(this ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing incomplete PostgreSQL data folder {DataDirectory} (no PG_VERSION) before initdb")]
    public static partial void RemovingIncompleteCluster(this ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "initdb with locale C.UTF-8 failed, retrying with locale C: {Output}")]
    public static partial void LocaleFallback(this ILogger logger, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing the PostgreSQL server already running on {DataDirectory} (127.0.0.1:{Port})")]
    public static partial void ReusingServer(this ILogger logger, string dataDirectory, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting PostgreSQL on 127.0.0.1:{Port} from {DataDirectory}")]
    public static partial void StartingServer(this ILogger logger, int port, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket path under {SocketDirectory} is too long for a Unix socket; the server listens on TCP only")]
    public static partial void SocketPathTooLong(this ILogger logger, string socketDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} was taken before PostgreSQL could bind it; retrying with another port")]
    public static partial void PortTaken(this ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ready on 127.0.0.1:{Port}")]
    public static partial void ServerReady(this ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping PostgreSQL on 127.0.0.1:{Port}")]
    public static partial void StoppingServer(this ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pg_ctl stop -m fast failed, stopping with -m immediate: {Output}")]
    public static partial void FastStopFailed(this ILogger logger, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not stop the PostgreSQL server on {DataDirectory}")]
    public static partial void StopFailed(this ILogger logger, Exception exception, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not deleting {RootDirectory}: a PostgreSQL server this instance did not start is still running on it")]
    public static partial void NotDeletingInUse(this ILogger logger, string rootDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {RootDirectory}")]
    public static partial void DeleteFailed(this ILogger logger, Exception exception, string rootDirectory);
}
