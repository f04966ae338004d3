using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Web.Setup;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>/health's kept answer (DatabaseProbe) over a counting stand-in for the database: no app needed.</summary>
public sealed class DatabaseProbeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_database_is_probed_once_a_second_however_often_health_is_asked()
    {
        var clock = new AdjustableClock(Start);
        var probe = new DatabaseProbe(clock);
        var probes = 0;
        Task<HealthCheckResult> Count(CancellationToken _) => Task.FromResult(HealthCheckResult.Healthy($"probe {++probes}"));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("probe 1", (await probe.AnswerAsync(Count, default)).Description);
        }

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal("probe 1", (await probe.AnswerAsync(Count, default)).Description);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("probe 2", (await probe.AnswerAsync(Count, default)).Description);
        Assert.Equal(2, probes);
    }

    [Fact]
    public async Task Requests_that_come_while_a_probe_runs_get_its_answer_without_probing_again()
    {
        var probe = new DatabaseProbe(new AdjustableClock(Start));
        var answer = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = 0;
        Task<HealthCheckResult> Slow(CancellationToken _)
        {
            Interlocked.Increment(ref probes);
            return answer.Task;
        }

        var waiting = Enumerable.Range(0, 8).Select(_ => probe.AnswerAsync(Slow, default)).ToList();
        answer.SetResult(HealthCheckResult.Unhealthy("database unreachable"));
        var results = await Task.WhenAll(waiting);

        Assert.Equal(1, probes);
        Assert.All(results, r => Assert.Equal(HealthStatus.Unhealthy, r.Status));
    }

    [Fact]
    public async Task A_failure_is_kept_for_the_second_but_a_probe_given_up_is_not_kept()
    {
        var clock = new AdjustableClock(Start);
        var probe = new DatabaseProbe(clock);
        var probes = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.AnswerAsync(_ => { probes++; throw new OperationCanceledException(); }, default));
        Assert.Equal(HealthStatus.Unhealthy, (await probe.AnswerAsync(_ => { probes++; return Task.FromResult(HealthCheckResult.Unhealthy("down")); }, default)).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await probe.AnswerAsync(_ => { probes++; return Task.FromResult(HealthCheckResult.Healthy()); }, default)).Status);
        Assert.Equal(2, probes);

        clock.Advance(DatabaseProbe.Lifetime);
        Assert.Equal(HealthStatus.Healthy, (await probe.AnswerAsync(_ => { probes++; return Task.FromResult(HealthCheckResult.Healthy()); }, default)).Status);
        Assert.Equal(3, probes);
    }
}
