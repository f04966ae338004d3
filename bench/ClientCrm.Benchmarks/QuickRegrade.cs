using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ClientCrm.Benchmarks;

/// <summary>
/// <c>--quick</c>: loads the data, then times <see cref="BenchmarkOptions.Runs"/> first runs (state reset before each)
/// and one more run with nothing changed, with a stopwatch. For a manual check in a few minutes; the figures in
/// docs/performance.md come from the BenchmarkDotNet path.
/// </summary>
public static class QuickRegrade
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = Console.Out;
        output.WriteLine(Machine());
        var data = await BenchmarkData.CreateAsync(options, output);
        try
        {
            await data.PrepareRegradeAsync(options.WithWarnings, output);
            await TimeRunsAsync(data, options, output);
        }
        finally
        {
            if (options.Keep)
            {
                output.WriteLine(data.Detach());
            }
            else
            {
                await data.DisposeAsync();
            }
        }

        return 0;
    }

    internal static async Task TimeRunsAsync(BenchmarkData data, BenchmarkOptions options, TextWriter output)
    {
        output.WriteLine(Invariant($"PostgreSQL {data.ServerVersion}"));

        if (options.PgLog)
        {
            await data.ExecuteAsync(["ALTER SYSTEM SET log_min_duration_statement = 0", "SELECT pg_reload_conf()"]);
        }

        var logStart = options.PgLog ? new FileInfo(data.ServerLogFile).Length : 0;
        var firsts = new List<double>();
        for (var i = 1; i <= options.Runs; i++)
        {
            await data.ResetGradingStateAsync();
            output.WriteLine("Load average before the run: " + LoadAverage());
            var watch = Stopwatch.StartNew();
            var run = await data.RegradeAsync();
            watch.Stop();
            firsts.Add(watch.Elapsed.TotalSeconds);
            output.WriteLine(Invariant($"First run {i}: {watch.Elapsed.TotalSeconds:0.000} s — {run.ClientsAssessed:N0} assessed, {run.ChangesProposed:N0} proposed; {await data.DescribeRunAsync(run.Id)}"));
        }

        output.WriteLine("Load average before the run: " + LoadAverage());
        var again = Stopwatch.StartNew();
        var second = await data.RegradeAsync();
        again.Stop();
        var what = options.Runs > 0 ? "Run again, nothing changed" : "First run, first in this process";
        output.WriteLine(Invariant($"{what}: {again.Elapsed.TotalSeconds:0.000} s — {second.ClientsAssessed:N0} assessed, {second.ChangesProposed:N0} proposed"));
        if (firsts.Count > 0)
        {
            firsts.Sort();
            output.WriteLine(Invariant($"First runs: min {firsts[0]:0.000} s, median {firsts[firsts.Count / 2]:0.000} s, max {firsts[^1]:0.000} s"));
        }

        if (options.PgLog)
        {
            output.WriteLine("Statements of 20 ms or more (PostgreSQL's log):");
            foreach (var line in SlowStatements(data.ServerLogFile, logStart, TimeSpan.FromMilliseconds(20)))
            {
                output.WriteLine(line);
            }
        }

        if (options.Explain)
        {
            output.WriteLine(await data.ExplainGradingQueryAsync());
        }
    }

    internal static List<string> SlowStatements(string logFile, long from, TimeSpan threshold)
    {
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var slow = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf("duration: ", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var number = line[(at + 10)..].Split(' ', 2)[0];
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= threshold.TotalMilliseconds)
            {
                slow.Add(line.Length > 300 ? line[..300] + " …" : line);
            }
        }

        return slow;
    }

    /// <summary>
    /// /proc/loadavg's 1, 5 and 15-minute figures: anything else running on the machine (a build, a test run) shows
    /// here and in the timings, so the figures are only comparable when it is near 0.
    /// </summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>CPU model, cores, memory, OS and runtime, as docs/performance.md records them.</summary>
    public static string Machine()
    {
        var cpu = "unknown CPU";
        var memory = "";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        if (File.Exists("/proc/meminfo"))
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                memory = Invariant($", {kb / 1024.0 / 1024.0:0.0} GiB RAM");
            }
        }

        return Invariant($"{cpu}, {Environment.ProcessorCount} logical cores{memory}; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
