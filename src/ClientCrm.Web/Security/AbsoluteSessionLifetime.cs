using System.Globalization;
using System.Security.Claims;
using ClientCrm.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientCrm.Web.Security;

/// <summary>
/// ASVS V7.3: a session ends 12 hours after sign-in however active it is (sliding expiry alone would let a stolen
/// cookie live forever). The sign-in time is a claim because cookie renewal resets IssuedUtc. ASVS V7.4: a cookie
/// issued before the user's security stamp last changed (sign-out, password, disabling, role or department) is
/// refused on its next request, checked against <see cref="SessionStamps"/> without a query.
/// </summary>
internal static class AbsoluteSessionLifetime
{
    public static readonly TimeSpan Limit = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var signedIn = context.Principal?.FindFirstValue(CrmClaims.SignedInAt);
        if (!long.TryParse(signedIn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > Limit)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // Every request: is the cookie's security stamp still the user's? SessionStamps answers from memory what this
        // instance learnt within the interval (a sign-out here ends the cookie at once). Once per interval a cookie is
        // validated against the database by Identity (below), which also rebuilds the principal and renews the cookie.
        var services = context.HttpContext.RequestServices;
        var stampOptions = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (stampOptions.TimeProvider ?? clock).GetUtcNow();
        var issued = context.Properties.IssuedUtc;
        if (issued is { } at && now - at <= stampOptions.ValidationInterval)
        {
            var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
            var verdict = services.GetRequiredService<SessionStamps>().Check(context.Principal?.FindFirstValue(claims.UserIdClaimType),
                context.Principal?.FindFirstValue(claims.SecurityStampClaimType), issued, now, stampOptions.ValidationInterval);
            if (verdict == SessionVerdict.Unknown)
            {
                // Not known here recently (a restart, another instance's cookie or change): read the user once.
                var principal = context.Principal;
                verdict = await InOwnScopeAsync(context, async scoped =>
                    await scoped.GetRequiredService<SignInManager<CrmUser>>().ValidateSecurityStampAsync(principal) is null
                        ? SessionVerdict.Ended
                        : SessionVerdict.Valid);
            }

            if (verdict == SessionVerdict.Ended)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            return;
        }

        await InOwnScopeAsync(context, async _ =>
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            return true;
        });
    }

    /// <summary>
    /// The stamp checks read the user through Identity, which uses the database context. They run in a scope of their
    /// own: the request's context is made for the signed-in user's scope (CrmDbContextFactory), and the user is not
    /// known yet while authentication is still deciding.
    /// </summary>
    private static async Task<T> InOwnScopeAsync<T>(CookieValidatePrincipalContext context, Func<IServiceProvider, Task<T>> work)
    {
        var requestServices = context.HttpContext.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.HttpContext.RequestServices = scope.ServiceProvider;
        try
        {
            return await work(scope.ServiceProvider);
        }
        finally
        {
            context.HttpContext.RequestServices = requestServices;
        }
    }

    /// <summary>A stamp check rebuilds the principal; it must keep the original sign-in time, not restart the clock.</summary>
    public static Task KeepSignInTime(SecurityStampRefreshingPrincipalContext context)
    {
        var original = context.CurrentPrincipal?.FindFirst(CrmClaims.SignedInAt);
        if (original is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            if (identity.FindFirst(CrmClaims.SignedInAt) is { } fresh)
            {
                identity.RemoveClaim(fresh);
            }

            identity.AddClaim(new Claim(CrmClaims.SignedInAt, original.Value));
        }

        return Task.CompletedTask;
    }
}
