using ClientCrm.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace ClientCrm.Infrastructure.Identity;

/// <summary>A person who signs in. Role membership lives in the identity role tables (one role per user).</summary>
public class CrmUser : IdentityUser, IAuditable
{
    public string DisplayName { get; set; } = "";

    /// <summary>Staff and heads belong to exactly one department; leaders and admins may have none.</summary>
    public int? DepartmentId { get; set; }

    /// <summary>A disabled user cannot sign in and loses open sessions (their security stamp is renewed).</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
