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
/// that lives as long as the assembly's run: the cluster is stopped here, after the last test. And the longest classes
/// start first (<see cref="LongRunningAttribute"/>, then the most tests).
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
            var classes = TestCases.GroupBy(c => c.TestMethod.TestClass.TestCollection.UniqueID).ToDictionary(g => g.Key, g =>
                (Seconds: LongRunningAttribute.SecondsOf(g.First().TestMethod.TestClass.Class), Tests: g.Count()));
            TestCollectionOrderer = new LongestFirst(TestCollectionOrderer, classes);
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            // A failure to stop is reported as an error of the run, not hidden.
            await Aggregator.RunAsync(PostgresFixture.StopAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }

    /// <summary>
    /// The classes marked long-running first, longest first, then the classes with the most tests (every test starts an app
    /// of its own): a class's tests run one after another, so a long class started late is the run's tail, with the other
    /// slots empty (the Release publish and the UI crawls once were: 47 s of the run with one class left). The sort is
    /// stable: otherwise xunit's order.
    /// </summary>
    private sealed class LongestFirst(ITestCollectionOrderer inner, Dictionary<Guid, (int Seconds, int Tests)> classes) : ITestCollectionOrderer
    {
        public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
            inner.OrderTestCollections(testCollections)
                .OrderByDescending(c => classes.GetValueOrDefault(c.UniqueID).Seconds)
                .ThenByDescending(c => classes.GetValueOrDefault(c.UniqueID).Tests);
    }
}

/// <summary>
/// A test class whose tests together take long (crawls of every page, a Release publish, real scheduler firings): it is
/// started before the others (<see cref="IntegrationTestFramework"/>). <paramref name="seconds"/> is what its tests took
/// together on the 2-core machine, alone among the run's other classes; only the order matters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongRunningAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;

    internal static int SecondsOf(ITypeInfo testClass) =>
        testClass.GetCustomAttributes(typeof(LongRunningAttribute)).FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() as int? ?? 0;
}
