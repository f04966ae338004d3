using System.Globalization;
using System.Security.Claims;
using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Access;

namespace ClientCrm.Web.Security;

/// <summary>
/// The signed-in user of the current request, as the data layer sees them. Outside a request (start-up seeding,
/// scheduled jobs) there is no person acting, so the company itself acts: <see cref="SystemActor"/>.
/// </summary>
internal sealed class HttpContextActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private AccessScope? _scope;

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    private bool OutsideRequest => accessor.HttpContext is null;

    public string? UserId => OutsideRequest
        ? SystemActor.Instance.UserId
        : User?.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public string? UserName => OutsideRequest
        ? SystemActor.Instance.UserName
        : User?.Identity?.IsAuthenticated == true ? User.Identity.Name : null;

    public AccessScope Scope => _scope ??= Compute();

    private AccessScope Compute()
    {
        if (OutsideRequest)
        {
            return SystemActor.Instance.Scope;
        }

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
