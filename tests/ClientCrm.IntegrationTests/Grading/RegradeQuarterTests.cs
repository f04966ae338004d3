using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Grading;

namespace ClientCrm.IntegrationTests.Grading;

/// <summary>The quarterly schedule turns over at midnight in the company's zone, not at midnight UTC.</summary>
public sealed class RegradeQuarterTests
{
    private static readonly BusinessClock Beijing = BusinessClock.For(TimeProvider.System, BusinessClock.DefaultTimeZoneId);

    [Fact]
    public void The_new_quarter_begins_at_midnight_in_Beijing_which_is_16_00_UTC_the_day_before()
    {
        // 2027-01-01 00:30 in Beijing: a new quarter there, still 2026-12-31 in UTC.
        var newYearInBeijing = new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), RegradeService.QuarterStart(newYearInBeijing, Beijing));

        // 2026-12-31 23:59 in Beijing: still the fourth quarter, which began on 1 October in Beijing.
        var lastMinute = new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), RegradeService.QuarterStart(lastMinute, Beijing));
    }
}
