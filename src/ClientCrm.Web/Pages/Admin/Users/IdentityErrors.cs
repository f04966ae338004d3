using ClientCrm.Domain.Auditing;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Users;

internal static class IdentityErrors
{
    /// <summary>Puts each Identity error next to the field it is about; what no field owns goes to the summary.</summary>
    public static void AddTo(this IdentityResult result, ModelStateDictionary modelState, IStringLocalizer l,
        string? passwordKey = null, string? userNameKey = null, string? emailKey = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        foreach (var error in result.Errors)
        {
            var key = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => userNameKey,
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail) => emailKey,
                // Identity's own password rules all start with "Password"; CommonPasswordValidator adds its own code.
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == "CommonPassword" => passwordKey,
                _ => null,
            };
            var message = error.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure) ? l["Common.ConcurrentEdit"] : error.Description;
            modelState.AddModelError(key ?? string.Empty, message);
        }
    }
}

internal static class UserAudit
{
    /// <summary>
    /// Role membership lives in Identity's join table, which the audit interceptor does not see (it is not
    /// <see cref="Domain.Common.IAuditable"/>); the log must still say who gave whom which role.
    /// </summary>
    public static void RecordRole(CrmDbContext db, TimeProvider clock, CrmUser user, string? from, string to, AuditAction action)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(user);
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Role"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["from"] = from, ["to"] = to },
        };
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), db.Actor.UserId, db.Actor.UserName, nameof(CrmUser), user.Id, null,
            action, System.Text.Json.JsonSerializer.Serialize(changes)));
    }
}
