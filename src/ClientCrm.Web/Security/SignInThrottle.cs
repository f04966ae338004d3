using System.Net;
using System.Threading.RateLimiting;

namespace ClientCrm.Web.Security;

/// <summary>How many sign-in attempts are let through per window (<c>Crm:SignIn:*</c>).</summary>
internal sealed record SignInLimits(int PerAccount, int PerAddress, TimeSpan Window)
{
    public static SignInLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var limits = new SignInLimits(
            configuration.GetValue("Crm:SignIn:PerAccount", 10),
            configuration.GetValue("Crm:SignIn:PerAddress", 60),
            configuration.GetValue("Crm:SignIn:Window", TimeSpan.FromMinutes(1)));
        if (limits.PerAccount < 1 || limits.PerAddress < 1 || limits.Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Crm:SignIn:PerAccount and Crm:SignIn:PerAddress must be at least 1, and Crm:SignIn:Window longer than zero.");
        }

        return limits;
    }
}

/// <summary>
/// ASVS V6.3.1: sign-in attempts are rate limited per client address and per account name (normalised, so "Staff1A"
/// and "staff1a" share one allowance), with the framework's rate limiter (System.Threading.RateLimiting, a sliding
/// window each). An attempt over either limit is refused before the password is checked: a guessing run is slowed,
/// and it neither counts towards the account's lockout nor touches anyone's open sessions. The limiter sits in the
/// sign-in handler, not in the rate-limiting middleware, so the refusal is the sign-in page itself (HTTP 429, the
/// typed user name kept, a message in the user's language) and the account name can be read from the bound form.
/// Limits are per instance (in memory).
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private const int SegmentsPerWindow = 6;

    private readonly PartitionedRateLimiter<SignInAttempt> _limiter;

    public SignInThrottle(SignInLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        RetryAfter = limits.Window / SegmentsPerWindow;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<SignInAttempt, string>(a => RateLimitPartition.GetSlidingWindowLimiter(a.Address, _ => Window(limits.PerAddress, limits.Window))),
            PartitionedRateLimiter.Create<SignInAttempt, string>(a => RateLimitPartition.GetSlidingWindowLimiter(a.Account, _ => Window(limits.PerAccount, limits.Window))));
    }

    /// <summary>
    /// One attempt from <paramref name="address"/> for <paramref name="normalizedAccount"/>: a lease that is acquired
    /// when it may go ahead; otherwise it may say when to retry.
    /// </summary>
    public RateLimitLease Attempt(IPAddress? address, string normalizedAccount)
    {
        ArgumentNullException.ThrowIfNull(normalizedAccount);
        // IPv4 clients seen through a dual-stack socket count as their IPv4 address.
        var from = address is null ? "-" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return _limiter.AttemptAcquire(new SignInAttempt(from, normalizedAccount));
    }

    /// <summary>When a refused attempt may expect a permit back at the earliest: one segment of the sliding window.</summary>
    public TimeSpan RetryAfter { get; }

    public void Dispose() => _limiter.Dispose();

    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = SegmentsPerWindow,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>What a sign-in attempt is counted by.</summary>
internal readonly record struct SignInAttempt(string Address, string Account);
