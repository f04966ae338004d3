using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ClientCrm.Development.Postgres;

/// <summary>
/// A private PostgreSQL cluster under <see cref="LocalPostgresOptions.RootDirectory"/>, run from the machine's own
/// server binaries so that development and tests need neither a shared server nor a container.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string Loopback = "127.0.0.1";
    private const string PasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const int PasswordLength = 32;
    private const int StartAttempts = 3;

    // Linux's sun_path holds 108 bytes including the terminating NUL; postgres refuses a longer socket path.
    private const int MaxSocketPathBytes = 107;

    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(10);

    // One lock for every instance: it keeps two callers from running initdb on the same folder, and makes start and
    // stop of a folder atomic with respect to each other. Starts are short, so serialising unrelated folders is cheap.
    private static readonly SemaphoreSlim Lock = new(1, 1);

    private readonly LocalPostgresOptions _options;
    private readonly ClusterLayout _layout;
    private readonly PostgresBinaries _binaries;
    private readonly PostgresProcessRunner _runner;
    private readonly ILogger _logger;
    private readonly string _password;
    private readonly bool _ownsServer;
    private EventHandler? _processExitHandler;
    private int _disposed;

    [UnsupportedOSPlatform("windows")]
    private LocalPostgres(
        LocalPostgresOptions options,
        ClusterLayout layout,
        PostgresBinaries binaries,
        PostgresProcessRunner runner,
        ILogger logger,
        string password,
        int port,
        bool ownsServer)
    {
        _options = options;
        _layout = layout;
        _binaries = binaries;
        _runner = runner;
        _logger = logger;
        _password = password;
        Port = port;
        _ownsServer = ownsServer;
    }

    /// <summary>TCP port the server listens on, on 127.0.0.1 only.</summary>
    public int Port { get; }

    /// <summary>
    /// Finds the server binaries, creates the cluster on first use, then starts it, or attaches to the server already
    /// running on the same data folder. Returns once a connection to database <c>postgres</c> succeeds.
    /// </summary>
    /// <exception cref="PostgresUnavailableException">Binaries missing, or the cluster cannot be created or started.</exception>
    public static Task<LocalPostgres> StartAsync(LocalPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RootDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SuperUser);
        if (OperatingSystem.IsWindows())
        {
            throw new PostgresUnavailableException(
                "LocalPostgres runs PostgreSQL only on Linux or macOS: set ConnectionStrings:Crm to an existing server.");
        }

        return StartCoreAsync(options, logger ?? NullLogger.Instance, ct);
    }

    /// <summary>Npgsql connection string for <paramref name="database"/>, logging in as the superuser over TCP.</summary>
    public string ConnectionString(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        return new NpgsqlConnectionStringBuilder
        {
            Host = Loopback,
            Port = Port,
            Username = _options.SuperUser,
            Password = _password,
            Database = database,
        }.ConnectionString;
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>) if this instance started it, then deletes the root folder when
    /// <see cref="LocalPostgresOptions.DeleteOnDispose"/> is set. Never throws: failures are logged as warnings.
    /// </summary>
    public ValueTask DisposeAsync() =>
        OperatingSystem.IsWindows() ? ValueTask.CompletedTask : new ValueTask(DisposeCoreAsync());

    [UnsupportedOSPlatform("windows")]
    private static async Task<LocalPostgres> StartCoreAsync(LocalPostgresOptions options, ILogger logger, CancellationToken ct)
    {
        var layout = new ClusterLayout(Path.GetFullPath(options.RootDirectory));
        await Lock.WaitAsync(ct);
        try
        {
            var binaries = await PostgresBinaries.FindAsync(logger, ct);
            var runner = await PostgresProcessRunner.CreateAsync(logger, ct);
            CreateFolder(layout.Root);
            CreateFolder(layout.SocketDirectory);

            if (await FindRunningPortAsync(layout, ct) is int runningPort)
            {
                logger.ReusingServer(layout.DataDirectory, runningPort);
                var reused = new LocalPostgres(options, layout, binaries, runner, logger, ReadPassword(layout), runningPort, ownsServer: false);
                await reused.VerifyAsync(ct);
                return reused;
            }

            var fresh = !File.Exists(layout.VersionFile);
            if (fresh)
            {
                PrepareFreshCluster(layout, logger);
            }

            await runner.HandOverAsync(layout.Root, ct);
            if (fresh)
            {
                await InitializeClusterAsync(options, layout, binaries, runner, logger, ct);
            }

            var password = ReadPassword(layout);
            var port = await StartServerAsync(options, layout, binaries, runner, logger, ct);
            var started = new LocalPostgres(options, layout, binaries, runner, logger, password, port, ownsServer: true);
            try
            {
                await started.VerifyAsync(ct);
            }
            catch
            {
                await started.StopServerAsync();
                throw;
            }

            started.StopOnProcessExitIfThrowaway();
            logger.ServerReady(port);
            return started;
        }
        finally
        {
            Lock.Release();
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void CreateFolder(string folder)
    {
        // Owner-only: the folder holds the password file, and local socket logins are trusted without a password.
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerOnly);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void PrepareFreshCluster(ClusterLayout layout, ILogger logger)
    {
        // initdb removes its folder when it fails, so a pgdata without PG_VERSION is what an interrupted initdb
        // (killed process) leaves behind, and initdb refuses to run over it.
        if (Directory.Exists(layout.DataDirectory))
        {
            logger.RemovingIncompleteCluster(layout.DataDirectory);
            Directory.Delete(layout.DataDirectory, recursive: true);
        }

        // Recreated rather than overwritten, so the owner-only mode applies from the first byte written.
        File.Delete(layout.PasswordFile);
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var writer = new StreamWriter(layout.PasswordFile, Encoding.ASCII, fileOptions);
        writer.Write(RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength));
    }

    private static string ReadPassword(ClusterLayout layout)
    {
        var password = File.Exists(layout.PasswordFile) ? File.ReadAllText(layout.PasswordFile).Trim() : string.Empty;
        return password.Length > 0
            ? password
            : throw new PostgresUnavailableException(
                $"The password file {layout.PasswordFile} is missing or empty, so the cluster in {layout.DataDirectory} cannot be logged into: restore the file, or delete {layout.Root} to start from an empty cluster.");
    }

    private static async Task InitializeClusterAsync(
        LocalPostgresOptions options,
        ClusterLayout layout,
        PostgresBinaries binaries,
        PostgresProcessRunner runner,
        ILogger logger,
        CancellationToken ct)
    {
        logger.InitializingCluster(layout.DataDirectory);
        string[] arguments =
        [
            "-D", layout.DataDirectory,
            "-U", options.SuperUser,
            "--pwfile=" + layout.PasswordFile,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E", "UTF8",
        ];

        var result = await runner.RunServerToolAsync(binaries.InitDb, [.. arguments, "--locale=C.UTF-8"], layout.Root, ct);
        if (result.Succeeded)
        {
            return;
        }

        // Minimal systems and older glibc lack C.UTF-8; plain C still stores UTF-8, it only sorts bytewise.
        logger.LocaleFallback(result.Output);
        if (Directory.Exists(layout.DataDirectory))
        {
            Directory.Delete(layout.DataDirectory, recursive: true);
        }

        result = await runner.RunServerToolAsync(binaries.InitDb, [.. arguments, "--locale=C"], layout.Root, ct);
        if (!result.Succeeded)
        {
            throw new PostgresUnavailableException(
                $"initdb could not create a PostgreSQL cluster in {layout.DataDirectory}: fix the error below, or set ConnectionStrings:Crm to an existing server.\n{result.Output}");
        }
    }

    private static async Task<int> StartServerAsync(
        LocalPostgresOptions options,
        ClusterLayout layout,
        PostgresBinaries binaries,
        PostgresProcessRunner runner,
        ILogger logger,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = PickFreeLoopbackPort();
            var logOffset = File.Exists(layout.LogFile) ? new FileInfo(layout.LogFile).Length : 0;
            logger.StartingServer(port, layout.DataDirectory);
            var result = await runner.RunServerToolAsync(
                binaries.PgCtl,
                ["-D", layout.DataDirectory, "-l", layout.LogFile, "-w", "-t", "60", "-o", ServerOptions(options, layout, port, logger), "start"],
                layout.Root,
                ct);
            if (result.Succeeded)
            {
                return port;
            }

            var startupLog = ReadLog(layout.LogFile, logOffset, maxLines: 20);

            // Only a -t timeout leaves the postmaster we launched running; every other failure means it has exited.
            // Stopping in any other case could hit a server someone else started on this folder meanwhile.
            if (result.Output.Contains("did not start in time", StringComparison.OrdinalIgnoreCase))
            {
                await runner.RunServerToolAsync(binaries.PgCtl, ["-D", layout.DataDirectory, "-m", "immediate", "-w", "stop"], layout.Root, CancellationToken.None);
            }

            // The port is free when picked but unreserved until postgres binds it; another process can take it first.
            if (attempt < StartAttempts && startupLog.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
            {
                logger.PortTaken(port);
                continue;
            }

            throw new PostgresUnavailableException(
                $"PostgreSQL did not start from {layout.DataDirectory}: fix the cause shown below (full log: {layout.LogFile}), or set ConnectionStrings:Crm to an existing server.\n{result.Output}\n{startupLog}".TrimEnd());
        }
    }

    private static string ServerOptions(LocalPostgresOptions options, ClusterLayout layout, int port, ILogger logger)
    {
        var socketPath = Path.Combine(layout.SocketDirectory, string.Create(CultureInfo.InvariantCulture, $".s.PGSQL.{port}"));
        var socketDirectory = layout.SocketDirectory;
        if (Encoding.UTF8.GetByteCount(socketPath) > MaxSocketPathBytes)
        {
            logger.SocketPathTooLong(layout.SocketDirectory);
            socketDirectory = string.Empty;
        }

        // pg_ctl hands -o to /bin/sh, so the folder is shell-quoted; fsync=off is only for clusters about to be deleted.
        var serverOptions = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"-p {port} -k {ShellQuote(socketDirectory)}")
            .Append(" -c listen_addresses=").Append(Loopback)
            .Append(" -c max_connections=200");
        if (options.DeleteOnDispose)
        {
            serverOptions.Append(" -c fsync=off");
        }

        return serverOptions.ToString();
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static int PickFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Port of a live postmaster on this data folder, from line 4 of postmaster.pid; null when none runs.</summary>
    private static async Task<int?> FindRunningPortAsync(ClusterLayout layout, CancellationToken ct)
    {
        // A starting postmaster writes postmaster.pid in stages, so a start in another process may not have added
        // the port line yet.
        for (var i = 0; i < 50; i++)
        {
            var lines = ReadPidFile(layout);
            if (lines is not { Length: > 0 } || !IsPostmasterAlive(lines[0]))
            {
                return null;
            }

            if (lines.Length >= 4 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
            {
                return port;
            }

            await Task.Delay(100, ct);
        }

        throw new PostgresUnavailableException(
            $"A PostgreSQL server runs on {layout.DataDirectory} but {layout.PidFile} names no port: stop it with `pg_ctl -D {layout.DataDirectory} stop` and retry.");
    }

    private static bool IsServerRunning(ClusterLayout layout) =>
        ReadPidFile(layout) is { Length: > 0 } lines && IsPostmasterAlive(lines[0]);

    private static string[]? ReadPidFile(ClusterLayout layout)
    {
        try
        {
            using var stream = new FileStream(layout.PidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    // kill -0 semantics, plus a name check: after a crash and reboot the recorded PID may belong to another program.
    private static bool IsPostmasterAlive(string pidLine)
    {
        if (!int.TryParse(pidLine.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName is "postgres" or "postmaster";
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string ReadLog(string logFile, long fromOffset, int maxLines)
    {
        if (!File.Exists(logFile))
        {
            return $"({logFile} was not written)";
        }

        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        // Bounded read: a persistent cluster's log grows without limit, and only its end explains a failure.
        const long MaxBytes = 16 * 1024;
        stream.Seek(Math.Max(fromOffset, stream.Length - MaxBytes), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('\n', lines.TakeLast(maxLines));
    }

    private async Task VerifyAsync(CancellationToken ct)
    {
        // Unpooled: this probe connection must not linger in a pool keyed by a server that may be stopped soon.
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false, Timeout = 3 }.ConnectionString;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException && !ct.IsCancellationRequested)
            {
                // Rejected credentials (class 28) will not fix themselves; anything else may be a server still starting.
                var rejected = ex is PostgresException { SqlState: var state } && state.StartsWith("28", StringComparison.Ordinal);
                if (rejected || elapsed.Elapsed > VerifyTimeout)
                {
                    throw new PostgresUnavailableException(
                        string.Create(CultureInfo.InvariantCulture, $"PostgreSQL on 127.0.0.1:{Port} (data {_layout.DataDirectory}) does not accept connections ({ex.Message}): fix the cause below, or delete {_layout.Root} to start from an empty cluster.\n{ReadLog(_layout.LogFile, 0, maxLines: 20)}"),
                        ex);
                }

                await Task.Delay(250, ct);
            }
        }
    }

    [UnsupportedOSPlatform("windows")]
    private void StopOnProcessExitIfThrowaway()
    {
        if (!_options.DeleteOnDispose)
        {
            return;
        }

        // A test host that exits without disposing would otherwise leave a postmaster and its temp folder behind.
        // Persistent dev clusters are left running instead: the next start simply reuses them.
        _processExitHandler = (_, _) =>
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                _runner.RunServerToolAsync(_binaries.PgCtl, ["-D", _layout.DataDirectory, "-m", "immediate", "-w", "stop"], _layout.Root, CancellationToken.None)
                    .GetAwaiter().GetResult();
                Directory.Delete(_layout.Root, recursive: true);
            }
            catch (Exception ex) when (ex is PostgresUnavailableException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Best effort while the process is going away; there is nobody left to report to.
            }
        };
        AppDomain.CurrentDomain.ProcessExit += _processExitHandler;
    }

    [UnsupportedOSPlatform("windows")]
    private async Task DisposeCoreAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_processExitHandler is not null)
        {
            AppDomain.CurrentDomain.ProcessExit -= _processExitHandler;
        }

        await Lock.WaitAsync();
        try
        {
            if (_ownsServer)
            {
                await StopServerAsync();
            }

            if (_options.DeleteOnDispose)
            {
                await DeleteRootAsync();
            }
        }
        finally
        {
            Lock.Release();
        }
    }

    private async Task StopServerAsync()
    {
        if (!IsServerRunning(_layout))
        {
            return;
        }

        _logger.StoppingServer(Port);
        try
        {
            var fast = await _runner.RunServerToolAsync(
                _binaries.PgCtl, ["-D", _layout.DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], _layout.Root, CancellationToken.None);
            if (!fast.Succeeded)
            {
                _logger.FastStopFailed(fast.Output);
                await _runner.RunCheckedAsync(
                    _binaries.PgCtl, ["-D", _layout.DataDirectory, "-m", "immediate", "-w", "stop"], _layout.Root, CancellationToken.None);
            }
        }
        catch (PostgresUnavailableException ex)
        {
            _logger.StopFailed(ex, _layout.DataDirectory);
        }
    }

    private async Task DeleteRootAsync()
    {
        // Deleting under a server this instance merely reused would pull the data out from under its other users.
        if (!_ownsServer && IsServerRunning(_layout))
        {
            _logger.NotDeletingInUse(_layout.Root);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(_layout.Root))
                {
                    Directory.Delete(_layout.Root, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Right after shutdown the server's last child processes may still be removing their files.
                if (attempt >= 3)
                {
                    _logger.DeleteFailed(ex, _layout.Root);
                    return;
                }

                await Task.Delay(200);
            }
        }
    }

    private sealed record ClusterLayout(string Root)
    {
        public string DataDirectory => Path.Combine(Root, "pgdata");

        public string SocketDirectory => Path.Combine(Root, "run");

        public string LogFile => Path.Combine(Root, "postgres.log");

        public string PasswordFile => Path.Combine(Root, "pg-password");

        public string VersionFile => Path.Combine(DataDirectory, "PG_VERSION");

        public string PidFile => Path.Combine(DataDirectory, "postmaster.pid");
    }
}
