using System.Reflection;
using ClientCrm.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("ClientCrm.IntegrationTests.Infrastructure.IntegrationTestFramework", "ClientCrm.IntegrationTests")]
[assembly: CollectionBehavior(MaxParallelThreads = IntegrationTestFramework.MaxParallelClasses)]

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>
/// xunit's own framework, with two additions for the integration tests. The test classes, each a collection of its own so
/// that they run in parallel, share one PostgreSQL cluster (<see cref="PostgresFixture"/>), and xunit 2 has no fixture
/// that lives as long as the assembly's run: the cluster is stopped here, after the last test. And the classes with the
/// most tests start first.
/// </summary>
public sealed class IntegrationTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>
    /// Test classes run at once (xunit's conservative algorithm starts no more). Each runs one app and one database; the
    /// tests wait on PostgreSQL, another process, for part of their time, so a few more than the two cores keep both busy.
    /// </summary>
    public const int MaxParallelClasses = 4;

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
        protected override async Task AfterTestAssemblyStartingAsync()
        {
            await base.AfterTestAssemblyStartingAsync();
            var tests = TestCases.GroupBy(c => c.TestMethod.TestClass.TestCollection.UniqueID).ToDictionary(g => g.Key, g => g.Count());
            TestCollectionOrderer = new MostTestsFirst(TestCollectionOrderer, tests);
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            // A failure to stop is reported as an error of the run, not hidden.
            await Aggregator.RunAsync(PostgresFixture.StopAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }

    /// <summary>
    /// The classes with the most tests first (every test starts an app of its own), so that a long class does not start last
    /// and leave a core idle at the end. The sort is stable: otherwise xunit's order.
    /// </summary>
    private sealed class MostTestsFirst(ITestCollectionOrderer inner, Dictionary<Guid, int> tests) : ITestCollectionOrderer
    {
        public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
            inner.OrderTestCollections(testCollections).OrderByDescending(c => tests.GetValueOrDefault(c.UniqueID));
    }
}
