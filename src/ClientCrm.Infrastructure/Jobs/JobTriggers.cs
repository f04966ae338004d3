using ClientCrm.Domain.Common;
using Quartz;
using Quartz.Impl.Triggers;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// Turns a <see cref="JobSchedule"/> into the one trigger of its job, with the misfire rule every catalog job has: a
/// firing missed while no instance ran (or while the job was still busy) fires once as soon as a scheduler can, and the
/// schedule goes on from there; missed firings are never made up one by one.
/// </summary>
internal static class JobTriggers
{
    /// <summary>How long after it is first stored an interval job first fires.</summary>
    public static readonly TimeSpan FirstIntervalFiring = TimeSpan.FromSeconds(15);

    public static ITrigger Build(JobDefinition job, JobSchedule schedule, BusinessClock clock, DateTimeOffset now, ITrigger? existing)
    {
        var builder = TriggerBuilder.Create().WithIdentity(job.TriggerKey).ForJob(job.Key);
        if (schedule.Kind == JobScheduleKind.Interval)
        {
            var interval = TimeSpan.FromMinutes(schedule.Minutes);
            // A new job fires shortly after start-up (the poller this replaces ran every job at start-up), after the
            // catch-up firings of calendar jobs, which fire at once: on a fresh installation the quarter's regrade therefore
            // runs before the first warning run, as it always did, and the demo company starts the same way every time.
            // A changed interval counts from the last firing, so 60 → 30 minutes brings the next firing forward rather
            // than starting the count again.
            var start = existing is null ? now + FirstIntervalFiring
                : existing.PreviousFireTimeUtc is { } last && last + interval > now ? last + interval : now;
            return builder.StartAt(start)
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()
                    // Fire once now, then every interval from now.
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
                .Build();
        }

        return builder.StartAt(now)
            .WithCronSchedule(schedule.Cron!, c => c.InTimeZone(clock.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
    }

    /// <summary>
    /// This period's firing (today's, this quarter's) of a calendar schedule when it is already past at
    /// <paramref name="now"/>: a new trigger only fires from now on, so the caller fires the job once for it, as the
    /// misfire rule would have. Null for an interval, or when this period's firing is still ahead.
    /// </summary>
    public static DateTimeOffset? PastFiringThisPeriod(JobSchedule schedule, BusinessClock clock, DateTimeOffset now)
    {
        if (schedule.Cron is not { } cron)
        {
            return null;
        }

        var day = clock.DateOf(now);
        var periodStart = clock.StartOf(schedule.Kind == JobScheduleKind.Quarterly ? new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1) : day);
        // The expression, not the trigger: a trigger knows no firing before its start, which is now.
        return new CronExpression(cron, clock.Zone).GetNextValidTimeAfter(periodStart.AddSeconds(-1)) is { } firing && firing < now ? firing : null;
    }

    /// <summary>Whether <paramref name="trigger"/> already fires as <paramref name="schedule"/> says (then it is left alone).</summary>
    public static bool Matches(ITrigger trigger, JobSchedule schedule, TimeZoneInfo zone) => schedule.Kind switch
    {
        JobScheduleKind.Interval => trigger is ISimpleTrigger simple
            && simple.RepeatInterval == TimeSpan.FromMinutes(schedule.Minutes)
            && simple.RepeatCount == SimpleTriggerImpl.RepeatIndefinitely
            && simple.MisfireInstruction == SimpleTriggerMisfireInstruction.NowWithExistingCount,
        _ => trigger is ICronTrigger cron
            && cron.CronExpressionString == schedule.Cron
            && cron.TimeZone.Id == zone.Id
            && cron.MisfireInstruction == CronTriggerMisfireInstruction.FireAndProceed,
    };

}
