using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Jobs;

/// <summary>
/// Issue 11 §4: several app instances share one clustered job store; each firing runs once, on one of them, and a firing
/// missed while no instance ran is handled by its misfire rule (once, now). The test class's own app runs no scheduler;
/// the instances are extra apps on the same database.
/// </summary>
[LongRunning(23)]
public sealed class JobClusterTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_warning_run_missed_while_every_instance_was_down_runs_once_when_two_instances_start_together()
    {
        // A first instance stores the jobs and runs their first firings, then stops.
        await using (var first = Instance())
        {
            _ = first.Server;
            await JobsArrange.FinishedRunsAsync(first, WarningRunJob.Name, 1);
            await JobsArrange.FinishedRunsAsync(first, RegradeJob.Name, 1);
        }

        // Every instance stayed down through the next warning run: it was due two hours ago.
        var missed = TimeProvider.System.GetUtcNow().AddHours(-2);
        await JobsArrange.ExecuteAsync(App, $"""
            UPDATE qrtz_triggers SET next_fire_time = {QuartzSetup.Ticks(missed)}
            WHERE sched_name = '{QuartzSetup.SchedulerName}' AND trigger_group = '{JobDefinition.Group}' AND trigger_name = '{WarningRunJob.Name}'
            """);
        var warningRunsBefore = await App.WithDbAsync(db => db.WarningRuns.CountAsync());

        await using var a = Instance();
        await using var b = Instance();
        await Task.WhenAll(Task.Run(() => a.Server), Task.Run(() => b.Server));
        var ran = (await JobsArrange.FinishedRunsAsync(App, WarningRunJob.Name, 2))[^1];
        var instances = new[] { (await JobsArrange.SchedulerAsync(a)).SchedulerInstanceId, (await JobsArrange.SchedulerAsync(b)).SchedulerInstanceId };
        // Both are members of the cluster, and both have looked for due firings more than once since (their idle wait is
        // a few seconds at most while a trigger is due within it, and the misfire check runs every minute at most).
        await WaitUntilCheckedInAsync(instances);
        await Task.Delay(TimeSpan.FromSeconds(5));

        var runs = await App.WithDbAsync(db => db.JobRuns.Where(r => r.Job == WarningRunJob.Name).OrderBy(r => r.FiredAt).ToListAsync());
        Assert.Equal(2, runs.Count);
        Assert.Equal(ran.FireInstanceId, runs[^1].FireInstanceId);
        Assert.Contains(ran.Instance, instances);
        Assert.Equal(JobRunOutcome.Succeeded, ran.Outcome);
        // Once, not twice and not once per missed hour: one engine run, and the next firing one interval after it.
        Assert.Equal(warningRunsBefore + 1, await App.WithDbAsync(db => db.WarningRuns.CountAsync()));
        Assert.Equal(WarningRunTrigger.Scheduled, await App.WithDbAsync(db => db.WarningRuns.OrderByDescending(r => r.StartedAt).Select(r => r.Trigger).FirstAsync()));
        var trigger = await JobsArrange.TriggerAsync(a, WarningRunJob.Name);
        // It fired when the instances came up, not at its missed time; the record keeps the missed time it stood for.
        Assert.True(ran.FiredAt > missed.AddHours(1), $"fired at {ran.FiredAt:O}, before the instances started");
        Assert.Equal(missed, ran.ScheduledFor!.Value, TimeSpan.FromMilliseconds(1));
        // The schedule goes on from that firing: the next one is an interval after it, not an interval after the missed one.
        // Quartz moves the trigger to "now" when it handles the misfire and fires it a moment later (seconds on a busy
        // machine), so the interval is counted from the trigger's own previous firing, which is that run's.
        var previous = trigger.PreviousFireTimeUtc!.Value;
        Assert.Equal(previous.AddMinutes(60), trigger.NextFireTimeUtc!.Value);
        Assert.True(previous > missed.AddHours(1) && previous <= ran.FiredAt.AddMilliseconds(1),
            $"the trigger's previous firing {previous:O} is not the run's ({ran.FiredAt:O})");
    }

    private CrmAppFactory Instance() => new(Postgres, App.ConnectionString, JobsArrange.EnableJobs);

    private async Task WaitUntilCheckedInAsync(string[] instances)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var members = await App.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                    "SELECT instance_name AS \"Value\" FROM qrtz_scheduler_state WHERE sched_name = {0}", QuartzSetup.SchedulerName)
                .ToListAsync());
            if (instances.All(members.Contains))
            {
                return;
            }

            Assert.True(waited.Elapsed < JobsArrange.Patience, $"instances {string.Join(", ", instances)} never checked in: {string.Join(", ", members)}");
            await Task.Delay(200);
        }
    }
}
