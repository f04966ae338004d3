using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Tests;

public sealed class BusinessClockTests
{
    private sealed class PinnedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    // 2026-12-02 01:30 in Beijing is still 2026-12-01 in UTC.
    private static readonly DateTimeOffset HalfPastOneInBeijing = new(2026, 12, 1, 17, 30, 0, TimeSpan.Zero);

    [Fact]
    public void At_half_past_one_in_Beijing_today_is_the_Beijing_date_not_the_UTC_date()
    {
        var clock = BusinessClock.For(new PinnedTime(HalfPastOneInBeijing), "Asia/Shanghai");

        Assert.Equal(new DateOnly(2026, 12, 2), clock.Today);
        Assert.Equal("2026-12-02 01:30", clock.Format(clock.UtcNow));
        Assert.Equal(TimeSpan.FromHours(8), clock.Now.Offset);
    }

    [Fact]
    public void A_Beijing_day_begins_at_16_00_UTC_the_day_before()
    {
        var clock = BusinessClock.For(new PinnedTime(HalfPastOneInBeijing), null);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), clock.StartOf(new DateOnly(2026, 12, 2)));
        Assert.Equal(new DateOnly(2026, 12, 1), clock.DateOf(new DateTimeOffset(2026, 12, 1, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 12, 2), clock.DateOf(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Another_company_zone_gives_that_zones_date_and_day_start_across_daylight_saving()
    {
        var clock = BusinessClock.For(new PinnedTime(HalfPastOneInBeijing), "America/Los_Angeles");

        Assert.Equal(new DateOnly(2026, 12, 1), clock.Today);
        // Pacific daylight time in July (UTC-7), standard time in December (UTC-8).
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero), clock.StartOf(new DateOnly(2026, 7, 1)));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), clock.StartOf(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void An_unknown_zone_is_refused_at_once()
    {
        Assert.Throws<TimeZoneNotFoundException>(() => BusinessClock.For(TimeProvider.System, "Mars/Olympus_Mons"));
    }
}
