using ClientCrm.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientCrm.Web.Security;

/// <summary>
/// Identity's user manager, telling <see cref="SessionStamps"/> about every saved change of a user. Every change that
/// gives a user a new security stamp (sign-out, password change or reset, disabling, role and department changes) is
/// saved through <see cref="UpdateUserAsync"/>, so the user's older cookies stop working on this instance at once.
/// </summary>
internal sealed class CrmUserManager(
    IUserStore<CrmUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<CrmUser> passwordHasher,
    IEnumerable<IUserValidator<CrmUser>> userValidators,
    IEnumerable<IPasswordValidator<CrmUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<CrmUser>> logger,
    SessionStamps sessions)
    : UserManager<CrmUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(CrmUser user)
    {
        var result = await base.UpdateUserAsync(user);
        if (result.Succeeded)
        {
            sessions.Remember(user);
        }

        return result;
    }
}
