using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Tests;

/// <summary>The company's business clock (default zone, Asia/Shanghai) stopped at a given instant.</summary>
internal static class TestClock
{
    private static readonly BusinessClock Company = BusinessClock.For(TimeProvider.System, BusinessClock.DefaultTimeZoneId);

    public static BusinessClock At(DateTimeOffset instant) => Company.At(instant);
}
