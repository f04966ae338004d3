using System.Globalization;
using System.Security.Claims;
using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Access;

namespace ClientCrm.Web.Security;

/// <summary>The signed-in user of the current request, as the data layer sees them.</summary>
internal sealed class HttpContextActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private AccessScope? _scope;

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string? UserId => User?.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string? UserName => User?.Identity?.IsAuthenticated == true ? User.Identity.Name : null;

    public AccessScope Scope => _scope ??= Compute();

    private AccessScope Compute()
    {
        var user = User;
        var id = UserId;
        if (user is null || id is null)
        {
            return AccessScope.Nothing;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value);
        var department = int.TryParse(user.FindFirstValue(CrmClaims.DepartmentId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)
            ? d
            : (int?)null;
        return AccessScope.For(id, roles, department);
    }
}
