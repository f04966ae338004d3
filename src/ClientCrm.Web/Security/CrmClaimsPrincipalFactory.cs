using System.Globalization;
using System.Security.Claims;
using ClientCrm.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientCrm.Web.Security;

/// <summary>Puts department and display name into the sign-in cookie so scoping needs no extra query per request.</summary>
internal sealed class CrmClaimsPrincipalFactory(UserManager<CrmUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    TimeProvider clock)
    : UserClaimsPrincipalFactory<CrmUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CrmUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CrmClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(CrmClaims.SignedInAt, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(CrmClaims.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
