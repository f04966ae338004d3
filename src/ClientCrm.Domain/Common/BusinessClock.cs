using System.Globalization;

namespace ClientCrm.Domain.Common;

/// <summary>
/// The company's clock: what day it is, where a day begins and ends, and what a stored instant reads as, all in the
/// company's time zone (a setting, default Asia/Shanghai), whatever zone the server runs in. Instants are stored in
/// UTC; every "today", due date, window and displayed time goes through here, so the app never believes it is
/// yesterday between 00:00 and 08:00 Beijing time.
/// </summary>
public sealed class BusinessClock
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    private readonly TimeProvider _time;

    public BusinessClock(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(zone);
        _time = time;
        Zone = zone;
    }

    /// <summary>A clock in the zone with the given IANA (or Windows) id; an unknown id is a configuration error.</summary>
    public static BusinessClock For(TimeProvider time, string? timeZoneId) =>
        new(time, TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZoneId : timeZoneId.Trim()));

    public TimeZoneInfo Zone { get; }

    /// <summary>
    /// This clock stopped at <paramref name="instant"/>, in the same zone: for recording something as of an earlier
    /// moment (demo data, test arrangements) through the same domain methods.
    /// </summary>
    public BusinessClock At(DateTimeOffset instant) => new(new StoppedTime(instant.ToUniversalTime()), Zone);

    /// <summary>The zone as the settings page shows it, e.g. "Asia/Shanghai (UTC+08:00)" (the offset now).</summary>
    public string Describe()
    {
        var offset = Zone.GetUtcOffset(UtcNow);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{Zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})");
    }

    /// <summary>The instant now, as stored (UTC).</summary>
    public DateTimeOffset UtcNow => _time.GetUtcNow();

    /// <summary>Now on the company's wall clock.</summary>
    public DateTimeOffset Now => ToLocal(_time.GetUtcNow());

    /// <summary>The company's date today.</summary>
    public DateOnly Today => DateOf(_time.GetUtcNow());

    /// <summary>The company's date at <paramref name="instant"/>.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary><paramref name="instant"/> on the company's wall clock (the offset is the zone's at that instant).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant (UTC) the company's day <paramref name="day"/> begins; the end of a day is the start of the next.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight (a DST change at 00:00) begins the day at the first valid minute.
        while (Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }

        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>
    /// The instant <paramref name="days"/> days after <paramref name="instant"/> on the company's wall clock (same time of
    /// day, whatever a daylight-saving change in between does): where a period granted for days ends.
    /// </summary>
    public DateTimeOffset AddDays(DateTimeOffset instant, int days)
    {
        var wall = ToLocal(instant).DateTime.AddDays(days);
        while (Zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        return new DateTimeOffset(wall, Zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    /// <summary><paramref name="instant"/> as the company reads it, e.g. "2026-12-02 13:58".</summary>
    public string Format(DateTimeOffset instant, string format = "yyyy-MM-dd HH:mm") =>
        ToLocal(instant).ToString(format, CultureInfo.InvariantCulture);

    private sealed class StoppedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
