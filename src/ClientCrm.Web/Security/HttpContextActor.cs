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

    public string? DisplayName => User?.FindFirstValue(CrmClaims.DisplayName) is { Length: > 0 } name ? name : UserName;

    private AccessScope Compute() => OutsideRequest ? SystemActor.Instance.Scope : CrmClaims.ScopeOf(User);
}
