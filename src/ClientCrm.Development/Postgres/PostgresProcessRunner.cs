using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Development.Postgres;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string Output => string.Join('\n', new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));
}

/// <summary>
/// Runs the PostgreSQL tools. The server refuses to run as root, so when this process is root every server tool
/// goes through <c>runuser -u postgres</c> and the cluster folder is handed over to that user.
/// </summary>
internal sealed class PostgresProcessRunner
{
    public const string ServerOsUser = "postgres";

    private static readonly string[] RunUserLocations = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    private readonly string? _runUser;
    private readonly ILogger _logger;

    private PostgresProcessRunner(string? runUser, ILogger logger)
    {
        _runUser = runUser;
        _logger = logger;
    }

    public bool SwitchesUser => _runUser is not null;

    public static async Task<PostgresProcessRunner> CreateAsync(ILogger logger, CancellationToken ct)
    {
        if (!await IsRootAsync(logger, ct))
        {
            return new PostgresProcessRunner(null, logger);
        }

        var userLookup = await RunAsync("id", ["-u", ServerOsUser], null, logger, ct);
        if (!userLookup.Succeeded)
        {
            throw new PostgresUnavailableException(
                "PostgreSQL refuses to run as root and there is no `postgres` OS user to run it as: install the server with `apt-get install postgresql` (it creates that user), or run as a non-root user.");
        }

        var runUser = RunUserLocations.FirstOrDefault(File.Exists) ?? FindOnPath("runuser")
            ?? throw new PostgresUnavailableException(
                "PostgreSQL refuses to run as root and `runuser` (util-linux) is missing, so it cannot be started as the `postgres` OS user: install util-linux, or run as a non-root user.");
        logger.SwitchingUser(runUser);
        return new PostgresProcessRunner(runUser, logger);
    }

    /// <summary>Runs a PostgreSQL server tool as the user the server will run as.</summary>
    public Task<ProcessResult> RunServerToolAsync(string executable, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken ct) =>
        _runUser is null
            ? RunAsync(executable, arguments, workingDirectory, _logger, ct)
            : RunAsync(_runUser, ["-u", ServerOsUser, "--", executable, .. arguments], workingDirectory, _logger, ct);

    /// <summary>
    /// Makes <paramref name="rootDirectory"/> usable by the server's OS user: owned by it, and reachable through
    /// every parent folder. No-op when the tools already run as the current user.
    /// </summary>
    public async Task HandOverAsync(string rootDirectory, CancellationToken ct)
    {
        if (_runUser is null)
        {
            return;
        }

        // "postgres:" (no group) means the user's login group, so this works whatever that group is called.
        await RunCheckedAsync("chown", ["-R", ServerOsUser + ":", rootDirectory], null, ct);

        // access(2) needs search permission on every ancestor, so one probe on the root folder covers the whole path;
        // only when it fails is the path walked to name the folder that blocks.
        if ((await RunAsync(_runUser, ["-u", ServerOsUser, "--", "test", "-x", rootDirectory], null, _logger, ct)).Succeeded)
        {
            return;
        }

        foreach (var folder in PathFromTop(rootDirectory))
        {
            var probe = await RunAsync(_runUser, ["-u", ServerOsUser, "--", "test", "-x", folder], null, _logger, ct);
            if (!probe.Succeeded)
            {
                throw new PostgresUnavailableException(
                    $"PostgreSQL runs as the `postgres` OS user, which cannot enter the folder {folder}: run `chmod o+x {folder}`, or choose a RootDirectory that user can reach.");
            }
        }

        throw new PostgresUnavailableException(
            $"The `postgres` OS user cannot enter {rootDirectory} even after chown: check its permissions (and any ACL or mount options), or choose another RootDirectory.");
    }

    public async Task<ProcessResult> RunCheckedAsync(string executable, IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken ct)
    {
        var result = await RunAsync(executable, arguments, workingDirectory, _logger, ct);
        if (!result.Succeeded)
        {
            throw new PostgresUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"`{Path.GetFileName(executable)}` failed with exit code {result.ExitCode}: fix the error below and retry.\n{result.Output}"));
        }

        return result;
    }

    public static async Task<ProcessResult> RunAsync(string executable, IReadOnlyList<string> arguments, string? workingDirectory, ILogger logger, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        logger.RunningCommand(executable, string.Join(' ', arguments));
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new PostgresUnavailableException($"Could not run `{executable}` ({ex.Message}): check that it is installed and executable.", ex);
        }

        // No tool here should ever prompt; closing stdin makes one that tries fail instead of hanging.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            throw;
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public static string? FindOnPath(string fileName)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, fileName))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<bool> IsRootAsync(ILogger logger, CancellationToken ct)
    {
        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return true;
        }

        var effectiveUid = ReadEffectiveUidFromProc();
        if (effectiveUid is not null)
        {
            return effectiveUid == 0;
        }

        var id = await RunAsync("id", ["-u"], null, logger, ct);
        return id.Succeeded && id.StandardOutput.Trim() == "0";
    }

    // Line "Uid:\treal\teffective\tsaved\tfs" of /proc/self/status; null where there is no procfs (macOS).
    private static int? ReadEffectiveUidFromProc()
    {
        const string StatusFile = "/proc/self/status";
        if (!File.Exists(StatusFile))
        {
            return null;
        }

        var uidLine = File.ReadLines(StatusFile).FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 3 } && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? uid
            : null;
    }

    private static List<string> PathFromTop(string folder)
    {
        var chain = new List<string>();
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent)
        {
            chain.Add(current.FullName);
        }

        chain.Reverse();
        return chain;
    }
}
