using ClientCrm.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Security;

/// <summary>
/// ASVS 5.0 V6.2.4/V6.2.11: refuse passwords that are common or built from the user's own name. Composition rules are deliberately not used (V6.2.5).
/// </summary>
internal sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<CrmUser>
{
    private static readonly string[] Common =
    [
        "123456789012", "1234567890123", "password1234", "password12345", "qwertyuiop12", "qwerty123456", "iloveyou1234",
        "adminadmin12", "admin1234567", "welcome12345", "111111111111", "000000000000", "abc123456789", "a1b2c3d4e5f6",
        "passw0rd1234", "letmein12345", "changeme1234", "p@ssw0rd1234", "woaini123456", "5201314520131",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<CrmUser> manager, CrmUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        var bad = Common.Contains(lower)
                  || (!string.IsNullOrEmpty(user.UserName) && lower.Contains(user.UserName.ToLowerInvariant(), StringComparison.Ordinal))
                  || lower.Distinct().Count() <= 2;
        return Task.FromResult(bad
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = l["Password.TooCommon"] })
            : IdentityResult.Success);
    }
}
