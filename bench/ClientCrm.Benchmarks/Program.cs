using BenchmarkDotNet.Running;
using ClientCrm.Benchmarks;

// dotnet run -c Release --project bench/ClientCrm.Benchmarks -- --quick            (stopwatch, a few minutes)
// dotnet run -c Release --project bench/ClientCrm.Benchmarks -- --filter '*Regrade*' (BenchmarkDotNet)
// dotnet run -c Release --project bench/ClientCrm.Benchmarks -- --quick-warnings   (stopwatch, warning engine)
// dotnet run -c Release --project bench/ClientCrm.Benchmarks -- --filter '*Warning*' (BenchmarkDotNet)
// dotnet run -c Release --project bench/ClientCrm.Benchmarks -- --pages            (web pages under wrk, ~30 minutes)
// Sizes: --clients 100000 --projects 1000000 --incidents 200000 (the defaults). See bench/README.md.
var options = BenchmarkOptions.Parse(args, out var rest);
if (options.Pages)
{
    return await PageBenchmark.RunAsync(options);
}

if (options.QuickWarnings)
{
    return await QuickWarnings.RunAsync(options);
}

if (options.Quick)
{
    return await QuickRegrade.RunAsync(options);
}

Console.WriteLine(QuickRegrade.Machine());
Console.WriteLine("Load average at start: " + QuickRegrade.LoadAverage());
SharedBenchmarkData.Options = options;
try
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
finally
{
    Console.WriteLine("Load average at end: " + QuickRegrade.LoadAverage());
    await SharedBenchmarkData.DisposeAsync();
}
