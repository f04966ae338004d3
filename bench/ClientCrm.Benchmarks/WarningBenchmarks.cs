using BenchmarkDotNet.Attributes;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Benchmarks;

/// <summary>
/// The company-wide warning-engine run (SPEC §7) over <see cref="BenchmarkDataSize.Default"/>: 100,000 clients,
/// 1,000,000 projects, 200,000 incidents, with the grades of <see cref="BenchmarkData.UseWarningGradesAsync"/>.
/// Goal (warning-engine issue): under 10 seconds on a 2-core machine, and a second run with nothing changed writes
/// nothing. Same job as <see cref="RegradeBenchmarks"/>.
/// </summary>
[Config(typeof(MultiSecondConfig))]
public class WarningBenchmarks
{
    private BenchmarkData _data = null!;
    private WriteSnapshot? _before;
    private WarningRun? _secondRun;

    // Synchronous, as in RegradeBenchmarks: the in-process toolchain does not await an async [GlobalSetup].
    [GlobalSetup]
    public void Load()
    {
        _data = SharedBenchmarkData.GetAsync().GetAwaiter().GetResult();
        Console.WriteLine("// grades for the warning run: " + _data.UseWarningGradesAsync().GetAwaiter().GetResult());
    }

    [IterationSetup(Target = nameof(FirstRun))]
    public void ResetBeforeFirstRun()
    {
        _data.ResetWarningStateAsync().GetAwaiter().GetResult();
        Console.WriteLine("// load average " + QuickRegrade.LoadAverage());
    }

    [IterationCleanup(Target = nameof(FirstRun))]
    public void DescribeFirstRun() => Console.WriteLine("// " + _data.DescribeWarningsAsync().GetAwaiter().GetResult());

    // The first run's warnings are open and unacknowledged when the timed one starts, as an hour after it.
    [IterationSetup(Target = nameof(SecondRunNothingChanged))]
    public void ResetAndRunOnce()
    {
        _data.ResetWarningStateAsync().GetAwaiter().GetResult();
        _data.RunWarningsAsync().GetAwaiter().GetResult();
        _before = _data.SnapshotWritesAsync().GetAwaiter().GetResult();
        _secondRun = null;
        Console.WriteLine("// load average " + QuickRegrade.LoadAverage());
    }

    // Outside the timed call: counting rows and waiting for the server's statistics take a second or so.
    [IterationCleanup(Target = nameof(SecondRunNothingChanged))]
    public void CheckNothingWritten()
    {
        var after = _data.SnapshotWritesAsync(_before!.Tables.GetValueOrDefault("WarningRuns").Inserted + 1).GetAwaiter().GetResult();
        var what = BenchmarkData.AssertNothingWritten(_secondRun ?? throw new InvalidOperationException("The run did not finish."), _before, after);
        Console.WriteLine("// nothing written: " + what);
    }

    /// <summary>
    /// The first run over the data: no warnings yet. Raises every warning that holds, with its "raised" event and its
    /// notifications (department heads, owner, leaders for high severity).
    /// </summary>
    [Benchmark(Description = "Warning run: first (no warnings yet)")]
    public Task<WarningRun> FirstRun() => _data.RunWarningsAsync();

    /// <summary>
    /// The same run again with nothing changed: the same query and rules, compared with the warnings kept; must write
    /// nothing but its own WarningRuns row (checked here and, for the rows, in the iteration clean-up).
    /// </summary>
    [Benchmark(Description = "Warning run: again, nothing changed")]
    public async Task<WarningRun> SecondRunNothingChanged()
    {
        var run = await _data.RunWarningsAsync();
        if (run.Written != 0)
        {
            throw new InvalidOperationException($"A run with nothing changed wrote {BenchmarkData.Counts(run)}.");
        }

        _secondRun = run;
        return run;
    }
}
