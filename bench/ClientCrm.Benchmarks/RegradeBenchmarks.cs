using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Benchmarks;

/// <summary>
/// One job for operations that take seconds and write to the database: every iteration is one call preceded by its
/// own set-up (Monitoring: no pilot stage, no overhead subtraction, no unrolling), one warm-up, five measured runs.
/// </summary>
/// <remarks>
/// In process (<see cref="InProcessEmitToolchain"/>) rather than BenchmarkDotNet's default of a generated project
/// built and run per benchmark: that project would inherit this repository's Directory.Build.props and central
/// package versions (warnings as errors, analyzers) and, being a new process, would have to load the 1.3 million
/// rows again for each benchmark. The isolation the default buys — no JIT or GC state shared with the host — is
/// noise in the microseconds; these runs take seconds and spend most of them in PostgreSQL.
/// </remarks>
public sealed class MultiSecondConfig : ManualConfig
{
    public MultiSecondConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("Monitoring-5"));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }
}

/// <summary>
/// The company-wide regrade run (SPEC §4) over <see cref="BenchmarkDataSize.Default"/>: 100,000 clients,
/// 1,000,000 projects, 200,000 incidents. Goal (issue 3): under 10 seconds on a 2-core machine.
/// </summary>
[Config(typeof(MultiSecondConfig))]
public class RegradeBenchmarks
{
    private BenchmarkData _data = null!;

    // Synchronous: BenchmarkDotNet 0.14's in-process toolchain does not await an async [GlobalSetup] before the first
    // [IterationSetup].
    // Every client C; no warnings unless --with-warnings (then those of one warning run, for the open-abnormal join).
    [GlobalSetup]
    public void Load()
    {
        _data = SharedBenchmarkData.GetAsync().GetAwaiter().GetResult();
        _data.PrepareRegradeAsync(SharedBenchmarkData.Options.WithWarnings, Console.Out).GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(FirstRun))]
    public void ResetBeforeFirstRun()
    {
        _data.ResetGradingStateAsync().GetAwaiter().GetResult();
        Console.WriteLine("// load average " + QuickRegrade.LoadAverage());
    }

    // The earlier run's proposals are pending when the timed one starts, as when nobody has decided them yet.
    [IterationSetup(Target = nameof(SecondRunNothingChanged))]
    public void ResetAndRunOnce()
    {
        _data.ResetGradingStateAsync().GetAwaiter().GetResult();
        _data.RegradeAsync().GetAwaiter().GetResult();
        Console.WriteLine("// load average " + QuickRegrade.LoadAverage());
    }

    /// <summary>
    /// The first run after the data was loaded: every client C, no classes yet. Proposes every A and B found (tens of
    /// thousands), writes the Pareto class of every client and the lifecycle stage of every client with batches.
    /// </summary>
    [Benchmark(Description = "Regrade run: first (all C, no classes)")]
    public Task<GradingRun> FirstRun() => _data.RegradeAsync();

    /// <summary>
    /// The same run again with nothing changed: the same aggregate and engine work, supersedes the first run's pending
    /// proposals and proposes them again, but no class changes, so the update of Clients writes no row.
    /// </summary>
    [Benchmark(Description = "Regrade run: again, nothing changed")]
    public Task<GradingRun> SecondRunNothingChanged() => _data.RegradeAsync();
}

/// <summary>
/// One data set per process for every benchmark in it (in process, BenchmarkDotNet calls each benchmark's
/// [GlobalSetup] separately). <see cref="Program"/> sets the options before and disposes after.
/// </summary>
public static class SharedBenchmarkData
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BenchmarkData? _data;

    public static BenchmarkOptions Options { get; set; } = new();

    public static async Task<BenchmarkData> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _data ??= await BenchmarkData.CreateAsync(Options, Console.Out);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DisposeAsync()
    {
        if (_data is not null)
        {
            await _data.DisposeAsync();
            _data = null;
        }
    }
}
