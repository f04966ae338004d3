namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>A clock tests move forward instead of sleeping.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
