using System.Globalization;

namespace ClientCrm.Benchmarks;

/// <summary>What one wrk run measured. Latencies in milliseconds, of the requests that completed.</summary>
public sealed record WrkResult(
    long Requests, double DurationSeconds, long Bytes, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs,
    long ConnectErrors, long ReadErrors, long WriteErrors, long StatusErrors, long Timeouts, long Non2xx)
{
    public double RequestsPerSecond => DurationSeconds > 0 ? Requests / DurationSeconds : 0;

    /// <summary>Socket errors and timeouts (wrk's own counts; its "status" errors are part of <see cref="Non2xx"/>).</summary>
    public long Errors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;

    public bool Clean => Errors == 0 && Non2xx == 0 && Requests > 0;
}

/// <summary>
/// Runs wrk (<c>wrk -t min(2,N) -c N -d Ds --timeout 10s -s pages.lua -H "Cookie: …" URL</c>). wrk's own report has no
/// 95th percentile, so the Lua script prints one machine-readable line from <c>done()</c>, which is what is parsed.
/// </summary>
public sealed class WrkRunner
{
    public const string Wrk = "/usr/bin/wrk";
    private const string ResultTag = "PAGEBENCH";

    // No response() hook: one would hand every response, body included, to Lua, which costs wrk more CPU per request than
    // the cheapest pages cost the app on this 2-core machine. wrk counts 4xx/5xx itself (summary.errors.status); a page
    // that starts redirecting (3xx) is caught by the check after each run (PageBenchmark).
    private const string Script = """
        -- Written by the ClientCrm page benchmark: prints one machine-readable line.
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format(
            "PAGEBENCH requests=%d duration_us=%d bytes=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f max_us=%.0f mean_us=%.1f connect=%d read=%d write=%d status=%d timeout=%d non2xx=%d\n",
            summary.requests, summary.duration, summary.bytes,
            latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
            e.connect, e.read, e.write, e.status, e.timeout, e.status))
        end
        """;

    private readonly string _scriptPath;

    public WrkRunner(string folder)
    {
        if (!File.Exists(Wrk))
        {
            throw new InvalidOperationException($"{Wrk} is missing: install wrk (apt-get install wrk).");
        }

        _scriptPath = Path.Combine(folder, "pages.lua");
        File.WriteAllText(_scriptPath, Script);
    }

    public string ScriptPath => _scriptPath;

    public async Task<WrkResult> RunAsync(Uri url, string? cookieHeader, int connections, int seconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var args = new List<string>
        {
            "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s",
            "-s", _scriptPath,
            "-H", PageClient.ForwardedProtoHeader + ": https",
        };
        if (!string.IsNullOrEmpty(cookieHeader))
        {
            args.Add("-H");
            args.Add("Cookie: " + cookieHeader);
        }

        // AbsoluteUri keeps the query percent-encoded (ToString() would hand wrk raw Chinese characters).
        args.Add(url.AbsoluteUri);
        var (exitCode, output) = await AppUnderTest.RunToolAsync(Wrk, args, Environment.CurrentDirectory, ct);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultTag + " ", StringComparison.Ordinal));
        if (exitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"wrk {string.Join(' ', args.Select(a => a.StartsWith("Cookie:", StringComparison.Ordinal) ? "Cookie: …" : a))} failed (exit {exitCode}):{Environment.NewLine}{output}");
        }

        return Parse(line);
    }

    public static WrkResult Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var values = line[(ResultTag.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => double.Parse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        long L(string key) => (long)values[key];
        double Ms(string key) => values[key] / 1000.0;
        return new WrkResult(L("requests"), values["duration_us"] / 1e6, L("bytes"), Ms("p50_us"), Ms("p95_us"), Ms("p99_us"), Ms("max_us"),
            Ms("mean_us"), L("connect"), L("read"), L("write"), L("status"), L("timeout"), L("non2xx"));
    }
}
