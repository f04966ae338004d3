using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ClientCrm.Benchmarks;

/// <summary>
/// The web app as a child process: <c>src/ClientCrm.Web</c> of a checkout built in Release and run with
/// <c>dotnet ClientCrm.Web.dll</c> in Production against the benchmark database, with the data's keys and without the
/// background job poller. Its stdout and stderr go to a log file (through the shell, so this process spends nothing
/// on them). Stopping ends this one process only.
/// </summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly EventHandler _processExit;
    private int _stopped;

    private AppUnderTest(Process process, Uri baseAddress, string logFile)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogFile = logFile;
        Pid = process.Id;
        // Ctrl+C reaches the app itself (same process group); this covers every other way out.
        _processExit = (_, _) => KillNow();
        AppDomain.CurrentDomain.ProcessExit += _processExit;
    }

    public Uri BaseAddress { get; }

    public string LogFile { get; }

    public int Pid { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The repository this program was built from: the first folder upwards holding ClientCrm.sln.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ClientCrm.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository (ClientCrm.sln) above " + AppContext.BaseDirectory + "; pass --app-dir.");
    }

    public static string WebProjectDirectory(string appDir) => Path.Combine(appDir, "src", "ClientCrm.Web");

    /// <summary><c>dotnet build -c Release</c> of the web project; its output goes to <paramref name="logFile"/>.</summary>
    public static async Task BuildAsync(string appDir, string logFile, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        var project = Path.Combine(WebProjectDirectory(appDir), "ClientCrm.Web.csproj");
        if (!File.Exists(project))
        {
            throw new InvalidOperationException($"No web project at {project}: --app-dir must be a ClientCrm checkout.");
        }

        var watch = Stopwatch.StartNew();
        // No build servers: an MSBuild node or compiler server left running would share the cores with the run.
        var (exitCode, output) = await RunToolAsync("dotnet", ["build", "-c", "Release", "-nologo", "--disable-build-servers", project], appDir, ct);
        await File.WriteAllTextAsync(logFile, output, ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build -c Release {project} failed ({logFile}):{Environment.NewLine}{Tail(output, 30)}");
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Built {project} in Release in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Starts the built app on a free loopback port and waits until <c>GET /health</c> answers 200.</summary>
    public static async Task<AppUnderTest> StartAsync(string appDir, string connectionString, BenchmarkKeys keys, string logFile,
        TextWriter log, CancellationToken ct, IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(log);
        var webDir = WebProjectDirectory(appDir);
        var dll = Path.Combine(webDir, "bin", "Release", "net10.0", "ClientCrm.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the Release build did not produce it.");
        }

        var port = FreePort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = webDir,
        };
        // exec: the shell becomes the app, so the pid is the app's and the log is written by the kernel, not by us.
        foreach (var arg in new[] { "-c", "exec \"$@\" >>\"$CLIENTCRM_BENCH_APP_LOG\" 2>&1", "sh", "dotnet", dll, "--contentRoot", webDir })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CLIENTCRM_BENCH_APP_LOG"] = logFile;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Crm"] = connectionString;
        start.Environment["Crm__Jobs__Enabled"] = "false";
        // Every benchmark user signs in from loopback: the per-address limit (60 a minute) would refuse a run of many pages.
        start.Environment["Crm__SignIn__PerAddress"] = "100000";
        // As deployed (docs/operations.md): behind a TLS-terminating proxy that sets X-Forwarded-Proto. The benchmark is
        // that proxy: every request says https, so the Secure cookies and antiforgery work over plain http.
        start.Environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        // As the Dockerfile ships it: the young generation's budget (the runtime reads it from the environment only).
        start.Environment["DOTNET_GCgen0size"] = "0x4000000";
        foreach (var (name, value) in keys.Environment.Concat(environment ?? []))
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppUnderTest(process, baseAddress, logFile);
        log.WriteLine($"App started (pid {app.Pid}) on {baseAddress}; its log: {logFile}");
        try
        {
            await app.WaitHealthyAsync(ct);
        }
        catch
        {
            await app.StopAsync();
            throw;
        }

        return app;
    }

    private async Task WaitHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        string last = "no answer";
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The app exited with code {_process.ExitCode} before /health answered. Last lines of {LogFile}:{Environment.NewLine}{LogTail(40)}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException(
            $"GET /health did not answer 200 within {StartTimeout.TotalSeconds:0} s (last: {last}). Last lines of {LogFile}:{Environment.NewLine}{LogTail(40)}");
    }

    /// <summary>VmRSS or VmHWM of the app from /proc, in kB (0 once it has exited).</summary>
    public long ReadStatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{Pid}/status")))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Gone.
        }

        return 0;
    }

    /// <summary>CPU seconds the app has used (user + system, from /proc/pid/stat).</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{Pid}/stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public string LogTail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // The log can be large after a load run; the tail is in its last 64 kB.
            stream.Seek(Math.Max(0, stream.Length - 65536), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return Tail(reader.ReadToEnd(), lines);
        }
        catch (IOException ex)
        {
            return "(log not readable: " + ex.Message + ")";
        }
    }

    /// <summary>Leaves the app running (<c>--keep</c>).</summary>
    public void Detach()
    {
        Interlocked.Exchange(ref _stopped, 1);
        AppDomain.CurrentDomain.ProcessExit -= _processExit;
    }

    /// <summary>SIGTERM (a graceful shutdown), then SIGKILL after 15 s. Only this process.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _processExit;
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            await RunToolAsync("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)], Environment.CurrentDirectory, CancellationToken.None);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            KillNow();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void KillNow()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunToolAsync(string file, IEnumerable<string> args, string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
            }

            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    internal static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines))).TrimEnd();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>The app's largest resident set while it runs: /proc/pid/status VmRSS every 250 ms.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly AppUnderTest _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxKb;

    public RssSampler(AppUnderTest app)
    {
        _app = app ?? throw new ArgumentNullException(nameof(app));
        _maxKb = app.ReadStatusKb("VmRSS");
        _loop = LoopAsync();
    }

    public long MaxKb => Interlocked.Read(ref _maxKb);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var kb = _app.ReadStatusKb("VmRSS");
                if (kb > Interlocked.Read(ref _maxKb))
                {
                    Interlocked.Exchange(ref _maxKb, kb);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
