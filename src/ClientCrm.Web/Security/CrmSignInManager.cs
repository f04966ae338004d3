using System.Security.Claims;
using ClientCrm.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientCrm.Web.Security;

/// <summary>
/// A disabled user can neither sign in nor keep a session (stamp validation asks CanSignIn too). A sign-in attempt
/// costs one password hash whatever the account (unknown, locked, disabled or real), so its answer time does not tell
/// which accounts exist (ASVS V6.3). Every user read to issue or validate a cookie updates <see cref="SessionStamps"/>.
/// </summary>
internal sealed class CrmSignInManager(
    UserManager<CrmUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CrmUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CrmUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CrmUser> confirmation,
    SessionStamps sessions)
    : SignInManager<CrmUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a random password, made once with the configured hasher (same algorithm and iterations).</summary>
    private static string? _dummyHash;

    public override async Task<bool> CanSignInAsync(CrmUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // No such account: hash the password anyway, or the fast answer would tell that it does not exist.
            SpendOneHash(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(CrmUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);

        // Identity refuses a locked or disabled account before it checks the password; hash once here so the refusal
        // takes as long as a wrong password does. The page shows both the same message.
        if (!await CanSignInAsync(user) || (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user)))
        {
            SpendOneHash(password);
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task SignInWithClaimsAsync(CrmUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The cookie about to be issued carries this stamp: it is the current one (also after a save that did not commit).
        sessions.Remember(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    public override async Task<CrmUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }

    public override Task<bool> ValidateSecurityStampAsync(CrmUser? user, string? securityStamp)
    {
        if (user is not null)
        {
            // Just read from the database: what every cookie of this user is checked against for the next interval.
            sessions.Remember(user);
        }

        return base.ValidateSecurityStampAsync(user, securityStamp);
    }

    private void SpendOneHash(string password)
    {
        var hasher = UserManager.PasswordHasher;
        var dummy = new CrmUser();
        _dummyHash ??= hasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
        _ = hasher.VerifyHashedPassword(dummy, _dummyHash, password ?? "");
    }
}
