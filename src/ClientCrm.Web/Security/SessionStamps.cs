using System.Collections.Concurrent;
using ClientCrm.Infrastructure.Identity;

namespace ClientCrm.Web.Security;

/// <summary>What this instance knows about a cookie's session on this request.</summary>
internal enum SessionVerdict
{
    /// <summary>The cookie carries the user's current stamp, and the account is enabled.</summary>
    Valid,

    /// <summary>The cookie was issued before a sign-out, password change, role or department change, or the account is disabled.</summary>
    Ended,

    /// <summary>Nothing recent enough is known here: ask the database.</summary>
    Unknown,
}

/// <summary>
/// ASVS V7.4: each user's current security stamp (and whether the account is disabled), as this instance last learnt
/// it, so the cookie check on every request is a dictionary lookup rather than a query. A sign-in cookie carries the
/// stamp it was issued with; sign-out, a password change or reset, disabling, and a role or department change give the
/// user a new stamp, which ends every cookie issued before.
/// <para>
/// The stamps are learnt when this instance issues a cookie, when it changes a user (<see cref="CrmUserManager"/>:
/// before the request that made the change has even answered) and when it reads the user to validate a cookie. What
/// it learnt counts for one validation interval (<c>Crm:SecurityStampValidationInterval</c>); after that, the next
/// request of that user reads the database again, which is how a change made by another instance arrives here.
/// </para>
/// </summary>
internal sealed class SessionStamps(TimeProvider clock)
{
    /// <summary>
    /// A cookie's issue time has whole seconds (the ticket stores it so), and instances' clocks differ a little: a
    /// cookie issued this close to what is known may carry a stamp set since, by another instance.
    /// </summary>
    internal static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Known> _users = new(StringComparer.Ordinal);

    /// <summary>The user as just read or saved by this instance.</summary>
    public void Remember(CrmUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _users[user.Id] = new Known(user.SecurityStamp, user.IsDisabled, clock.GetUtcNow());
    }

    /// <summary>
    /// Whether a cookie of <paramref name="userId"/> with <paramref name="stamp"/>, issued at <paramref name="issued"/>,
    /// is still a session, as far as what was learnt within <paramref name="freshFor"/> tells.
    /// </summary>
    public SessionVerdict Check(string? userId, string? stamp, DateTimeOffset? issued, DateTimeOffset now, TimeSpan freshFor)
    {
        if (userId is null || !_users.TryGetValue(userId, out var known) || now - known.At > freshFor)
        {
            return SessionVerdict.Unknown;
        }

        if (string.Equals(known.Stamp, stamp, StringComparison.Ordinal))
        {
            return known.Disabled ? SessionVerdict.Ended : SessionVerdict.Valid;
        }

        // A stamp never comes back. A cookie issued before the known stamp was learnt carries an ended one; a cookie
        // issued after may carry a newer stamp another instance set meanwhile (its password change, say).
        return issued is { } at && at < known.At - Margin ? SessionVerdict.Ended : SessionVerdict.Unknown;
    }

    private sealed record Known(string? Stamp, bool Disabled, DateTimeOffset At);
}
