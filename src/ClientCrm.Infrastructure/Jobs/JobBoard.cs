using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>One job as the jobs page shows it: its schedule now, its trigger in the shared store, and its latest run.</summary>
public sealed record JobStatus(string Name, JobSchedule Schedule, DateTimeOffset? NextFireAt, DateTimeOffset? PreviousFireAt,
    bool Paused, bool InError, JobRunView? LastRun);

/// <summary>A run; <see cref="Interrupted"/> when it still reads running but the instance that ran it stopped checking in.</summary>
public sealed record JobRunView(string Job, DateTimeOffset FiredAt, DateTimeOffset? ScheduledFor, DateTimeOffset? FinishedAt,
    JobRunOutcome Outcome, string? Message, string Instance, bool Interrupted);

/// <summary>An app instance whose scheduler is a member of the cluster, and when it last said so.</summary>
public sealed record SchedulerInstance(string Name, DateTimeOffset LastCheckIn, bool Live);

public sealed record JobBoardView(IReadOnlyList<JobStatus> Jobs, IReadOnlyList<SchedulerInstance> Instances, IReadOnlyList<JobRunView> RecentRuns);

/// <summary>
/// Reads what the jobs page shows from the database, not from a scheduler: any instance can serve the page, whether or
/// not it runs a scheduler itself (Crm:Jobs:Enabled), and sees the cluster's state. The trigger times come from
/// Quartz's tables, whose schema this app creates (migration QuartzJobStore); the outcomes from <see cref="JobRun"/>.
/// </summary>
public sealed class JobBoard(CrmDbContext db, IEnumerable<JobDefinition> jobs, IServiceProvider services)
{
    public const int RecentRunsShown = 20;

    public async Task<JobBoardView> ReadAsync(CancellationToken ct = default)
    {
        var instances = await InstancesAsync(ct);
        var live = instances.Where(i => i.Live).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var triggers = await db.Database.SqlQuery<TriggerRow>(
                $"""
                SELECT trigger_name AS "Name", next_fire_time AS "Next", prev_fire_time AS "Previous", trigger_state AS "State"
                FROM qrtz_triggers WHERE sched_name = {QuartzSetup.SchedulerName} AND trigger_group = {JobDefinition.Group}
                """)
            .ToDictionaryAsync(t => t.Name, StringComparer.Ordinal, ct);

        var statuses = new List<JobStatus>();
        foreach (var job in jobs)
        {
            var schedule = await job.ScheduleAsync(services, ct);
            var last = await db.JobRuns.AsNoTracking().Where(r => r.Job == job.Name).OrderByDescending(r => r.FiredAt).FirstOrDefaultAsync(ct);
            triggers.TryGetValue(job.Name, out var trigger);
            statuses.Add(new JobStatus(job.Name, schedule, QuartzSetup.Instant(trigger?.Next), QuartzSetup.Instant(trigger?.Previous),
                trigger?.State is "PAUSED" or "PAUSED_BLOCKED", trigger?.State == "ERROR", last is null ? null : View(last, live)));
        }

        var recent = await db.JobRuns.AsNoTracking().OrderByDescending(r => r.FiredAt).Take(RecentRunsShown).ToListAsync(ct);
        return new JobBoardView(statuses, instances, recent.Select(r => View(r, live)).ToList());
    }

    private async Task<List<SchedulerInstance>> InstancesAsync(CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<InstanceRow>(
                $"""
                SELECT instance_name AS "Name", last_checkin_time AS "LastCheckIn", checkin_interval AS "Interval"
                FROM qrtz_scheduler_state WHERE sched_name = {QuartzSetup.SchedulerName} ORDER BY instance_name
                """)
            .ToListAsync(ct);
        // Quartz stamps its check-ins with the machine's clock, not the app's TimeProvider (which tests pin), so an instance
        // is judged live on that same clock: it checked in within two of its intervals and a little.
        var now = TimeProvider.System.GetUtcNow();
        return rows.Select(r =>
        {
            var at = QuartzSetup.Instant(r.LastCheckIn)!.Value;
            return new SchedulerInstance(r.Name, at, now - at <= (2 * QuartzSetup.Duration(r.Interval)) + TimeSpan.FromSeconds(15));
        }).ToList();
    }

    private static JobRunView View(JobRun r, HashSet<string> live) => new(r.Job, r.FiredAt, r.ScheduledFor, r.FinishedAt, r.Outcome,
        r.Message, r.Instance, r.Outcome == JobRunOutcome.Running && !live.Contains(r.Instance));

    private sealed record TriggerRow(string Name, long? Next, long? Previous, string State);

    private sealed record InstanceRow(string Name, long LastCheckIn, long Interval);
}
