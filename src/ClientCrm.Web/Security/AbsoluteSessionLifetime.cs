using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ClientCrm.Web.Security;

/// <summary>
/// ASVS V7.3: a session ends 12 hours after sign-in however active it is (sliding expiry alone would let a stolen
/// cookie live forever). Runs before Identity's security-stamp check.
/// </summary>
internal static class AbsoluteSessionLifetime
{
    public static readonly TimeSpan Limit = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Properties.IssuedUtc is { } issued && clock.GetUtcNow() - issued > Limit)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
