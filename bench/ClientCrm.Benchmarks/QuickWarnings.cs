using System.Diagnostics;
using System.Globalization;

namespace ClientCrm.Benchmarks;

/// <summary>
/// <c>--quick-warnings</c>: loads the data with the warning grades, then times <see cref="BenchmarkOptions.Runs"/>
/// first runs of the warning engine (state reset before each) and one run with nothing changed, with a stopwatch, and
/// checks that the latter wrote nothing. Then the aggregate query alone. <c>--pg-log</c> and <c>--explain</c> as in
/// <c>--quick</c>; <c>--with-warnings</c> times regrade runs afterwards, with the warnings in place.
/// </summary>
public static class QuickWarnings
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = Console.Out;
        output.WriteLine(QuickRegrade.Machine());
        var data = await BenchmarkData.CreateAsync(options, output);
        try
        {
            await TimeRunsAsync(data, options, output);
            if (options.WithWarnings)
            {
                // Every client C again, as the regrade benchmark starts, but the warnings of the last run stay.
                await data.UseLoadedGradesAsync();
                output.WriteLine("Regrade runs with the warnings in place:");
                await QuickRegrade.TimeRunsAsync(data, options with { PgLog = false, Explain = false }, output);
            }
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

    private static async Task TimeRunsAsync(BenchmarkData data, BenchmarkOptions options, TextWriter output)
    {
        output.WriteLine(Invariant($"PostgreSQL {data.ServerVersion}"));
        output.WriteLine("Grades: " + await data.UseWarningGradesAsync());
        if (options.PgLog)
        {
            await data.ExecuteAsync(["ALTER SYSTEM SET log_min_duration_statement = 0", "SELECT pg_reload_conf()"]);
        }

        var logStart = options.PgLog ? new FileInfo(data.ServerLogFile).Length : 0;
        var firsts = new List<double>();
        for (var i = 1; i <= options.Runs; i++)
        {
            await data.ResetWarningStateAsync();
            output.WriteLine("Load average before the run: " + QuickRegrade.LoadAverage());
            var cpu = await CpuSnapshot.TakeAsync(data);
            var watch = Stopwatch.StartNew();
            var run = await data.RunWarningsAsync();
            watch.Stop();
            firsts.Add(watch.Elapsed.TotalSeconds);
            output.WriteLine(Invariant($"First run {i}: {watch.Elapsed.TotalSeconds:0.000} s — {Describe(run)}"));
            output.WriteLine("  " + (await CpuSnapshot.TakeAsync(data)).Since(cpu));
            output.WriteLine("  " + await data.DescribeWarningsAsync());
        }

        if (options.Runs == 0)
        {
            await data.ResetWarningStateAsync();
            var run = await data.RunWarningsAsync();
            output.WriteLine("Untimed first run: " + Describe(run));
        }

        var before = await data.SnapshotWritesAsync();
        output.WriteLine("Load average before the run: " + QuickRegrade.LoadAverage());
        var cpuAgain = await CpuSnapshot.TakeAsync(data);
        var again = Stopwatch.StartNew();
        var second = await data.RunWarningsAsync();
        again.Stop();
        var cpuAgainEnd = await CpuSnapshot.TakeAsync(data);
        var after = await data.SnapshotWritesAsync(before.Tables.GetValueOrDefault("WarningRuns").Inserted + 1);
        output.WriteLine(Invariant($"Run again, nothing changed: {again.Elapsed.TotalSeconds:0.000} s — {Describe(second)}"));
        output.WriteLine("  " + cpuAgainEnd.Since(cpuAgain));
        output.WriteLine("  nothing written but the run's own WarningRuns row: " + BenchmarkData.AssertNothingWritten(second, before, after));

        // Four days on, nobody has acknowledged anything: every open warning is overdue (EscalateAfterDays 3). Shifting
        // RaisedAt back stands in for the clock; the run then escalates them all, with an event and a notice to each leader.
        await data.ExecuteAsync(["""UPDATE "Warnings" SET "RaisedAt" = "RaisedAt" - interval '4 days'""", """VACUUM (FULL, ANALYZE) "Warnings" """, "CHECKPOINT"]);
        output.WriteLine("Load average before the run: " + QuickRegrade.LoadAverage());
        var cpuLate = await CpuSnapshot.TakeAsync(data);
        var late = Stopwatch.StartNew();
        var escalation = await data.RunWarningsAsync();
        late.Stop();
        output.WriteLine(Invariant($"Run four days later, nobody acknowledged: {late.Elapsed.TotalSeconds:0.000} s — {Describe(escalation)}"));
        output.WriteLine("  " + (await CpuSnapshot.TakeAsync(data)).Since(cpuLate));
        output.WriteLine("  rows after:  " + await data.CountWarningRowsAsync());

        if (firsts.Count > 0)
        {
            firsts.Sort();
            output.WriteLine(Invariant($"First runs: min {firsts[0]:0.000} s, median {firsts[firsts.Count / 2]:0.000} s, max {firsts[^1]:0.000} s"));
        }

        output.WriteLine("Load average before the query: " + QuickRegrade.LoadAverage());
        var cpuQuery = await CpuSnapshot.TakeAsync(data);
        var query = Stopwatch.StartNew();
        var (clients, findings) = await data.ReadWarningFactsAsync();
        query.Stop();
        output.WriteLine(Invariant($"Aggregate query alone, streamed, rules evaluated: {query.Elapsed.TotalSeconds:0.000} s ({clients:N0} clients, {findings:N0} findings)"));
        output.WriteLine("  " + (await CpuSnapshot.TakeAsync(data)).Since(cpuQuery));

        if (options.PgLog)
        {
            output.WriteLine("Statements of 20 ms or more (PostgreSQL's log):");
            foreach (var line in QuickRegrade.SlowStatements(data.ServerLogFile, logStart, TimeSpan.FromMilliseconds(20)))
            {
                output.WriteLine(line);
            }

            await data.ExecuteAsync(["ALTER SYSTEM RESET log_min_duration_statement", "SELECT pg_reload_conf()"]);
        }

        if (options.Explain)
        {
            output.WriteLine(await data.ExplainWarningFactsQueryAsync());
        }
    }

    private static string Describe(ClientCrm.Domain.Warnings.WarningRun run) => Invariant(
        $"{run.Assessed:N0} assessed, {run.Raised:N0} raised, {run.Refreshed:N0} refreshed, {run.Cleared:N0} cleared, {run.Returned:N0} returned, {run.Escalated:N0} escalated");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
