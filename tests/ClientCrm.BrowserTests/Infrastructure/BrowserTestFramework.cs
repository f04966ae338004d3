using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("ClientCrm.BrowserTests.Infrastructure.BrowserTestFramework", "ClientCrm.BrowserTests")]

namespace ClientCrm.BrowserTests.Infrastructure;

/// <summary>
/// xunit's own framework, with one addition: the journeys share one PostgreSQL cluster (<see cref="BrowserRun"/>), and
/// xunit 2 has no fixture that lives as long as the assembly's run, so the cluster is stopped here, after the last test.
/// </summary>
public sealed class BrowserTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // As xunit's executor does (async void is its signature), with the runner below.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            // A failure to stop is reported as an error of the run, not hidden.
            await Aggregator.RunAsync(BrowserRun.StopAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
