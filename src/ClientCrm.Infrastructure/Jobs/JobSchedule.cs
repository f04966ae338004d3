using System.Globalization;

namespace ClientCrm.Infrastructure.Jobs;

public enum JobScheduleKind
{
    /// <summary>Every <see cref="JobSchedule.Minutes"/> minutes.</summary>
    Interval = 1,

    /// <summary>Every day at <see cref="JobSchedule.At"/>, company time.</summary>
    Daily = 2,

    /// <summary>On 1 January, April, July and October at <see cref="JobSchedule.At"/>, company time.</summary>
    Quarterly = 3,
}

/// <summary>
/// When a job fires, as its settings say: a few shapes the jobs page can put into words (the page words them; this
/// holds no text), each turned into one Quartz trigger by <see cref="JobTriggers"/>. Calendar shapes are in the
/// company's zone (the business clock's), whatever zone the server runs in.
/// </summary>
public sealed record JobSchedule
{
    private JobSchedule(JobScheduleKind kind, int minutes, TimeOnly at) => (Kind, Minutes, At) = (kind, minutes, at);

    public JobScheduleKind Kind { get; }

    /// <summary>The interval of an <see cref="JobScheduleKind.Interval"/> schedule; 0 otherwise.</summary>
    public int Minutes { get; }

    /// <summary>The time of day of a calendar schedule, company time.</summary>
    public TimeOnly At { get; }

    public static JobSchedule Every(int minutes) => minutes >= 1
        ? new(JobScheduleKind.Interval, minutes, default)
        : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "A job fires at most once a minute.");

    public static JobSchedule Daily(TimeOnly at) => new(JobScheduleKind.Daily, 0, Minute(at));

    public static JobSchedule Quarterly(TimeOnly at) => new(JobScheduleKind.Quarterly, 0, Minute(at));

    /// <summary>The Quartz cron expression of a calendar schedule (seconds first); null for an interval.</summary>
    public string? Cron => Kind switch
    {
        JobScheduleKind.Daily => string.Create(CultureInfo.InvariantCulture, $"0 {At.Minute} {At.Hour} * * ?"),
        JobScheduleKind.Quarterly => string.Create(CultureInfo.InvariantCulture, $"0 {At.Minute} {At.Hour} 1 1,4,7,10 ?"),
        _ => null,
    };

    // Cron fires on whole minutes; a setting with seconds would never match what the trigger stores.
    private static TimeOnly Minute(TimeOnly at) => new(at.Hour, at.Minute);
}
