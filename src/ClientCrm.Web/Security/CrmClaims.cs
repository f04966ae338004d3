using System.Globalization;
using System.Security.Claims;
using ClientCrm.Domain.Access;

namespace ClientCrm.Web.Security;

internal static class CrmClaims
{
    public const string DepartmentId = "crm:department";
    public const string DisplayName = "crm:display_name";

    /// <summary>When the user signed in (Unix seconds); survives cookie renewal and stamp refresh, unlike IssuedUtc.</summary>
    public const string SignedInAt = "crm:signed_in_at";

    /// <summary>
    /// What the signed-in user's roles and department make them (<see cref="AccessScope.For"/> decides); nothing for
    /// anyone not signed in. The request's actor and the page policies both read the user through this.
    /// </summary>
    public static AccessScope ScopeOf(ClaimsPrincipal? user)
    {
        var id = user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (user is null || id is null)
        {
            return AccessScope.Nothing;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value);
        var department = int.TryParse(user.FindFirstValue(DepartmentId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)
            ? d
            : (int?)null;
        return AccessScope.For(id, roles, department);
    }
}
