using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientCrm.Web.Security;

/// <summary>
/// ASVS V7.3: a session ends 12 hours after sign-in however active it is (sliding expiry alone would let a stolen
/// cookie live forever). The sign-in time is a claim because cookie renewal resets IssuedUtc.
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

        // The stamp is checked once per ValidationInterval (the cookie then carries a fresh IssuedUtc), so most requests
        // stop here: the same test SecurityStampValidator makes first, without building a scope, a sign-in manager and
        // a user manager for nothing.
        var stampOptions = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        if (context.Properties.IssuedUtc is { } issued && (stampOptions.TimeProvider ?? clock).GetUtcNow() - issued <= stampOptions.ValidationInterval)
        {
            return;
        }

        // The check reads the user through Identity, which uses the database context. It runs in a scope of its own:
        // the request's context is made for the signed-in user's scope (CrmDbContextFactory), and the user is not
        // known yet while authentication is still deciding.
        var requestServices = context.HttpContext.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.HttpContext.RequestServices = scope.ServiceProvider;
        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
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
