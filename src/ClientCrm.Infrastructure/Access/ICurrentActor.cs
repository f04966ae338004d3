using ClientCrm.Domain.Access;

namespace ClientCrm.Infrastructure.Access;

/// <summary>
/// Who is acting: the signed-in user in a web request, the system in jobs and start-up. The database context
/// reads its access scope from here for every query, and the audit log its name.
/// </summary>
public interface ICurrentActor
{
    string? UserId { get; }

    string? UserName { get; }

    AccessScope Scope { get; }

    /// <summary>The name people know the user by (the use log keeps it); the login name where none is known.</summary>
    string? DisplayName => UserName;
}

/// <summary>The company itself: seeding, migrations and scheduled jobs. Sees all clients.</summary>
public sealed class SystemActor : ICurrentActor
{
    public static readonly SystemActor Instance = new();

    public string? UserId => null;

    public string? UserName => "system";

    public AccessScope Scope => AccessScope.System;
}
