using System.Linq.Expressions;
using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Access;

/// <summary>The three forms the client filter takes; the scope levels map onto them (<see cref="AccessScope.FilterShape"/>).</summary>
public enum ScopeFilterShape
{
    /// <summary>No filter: leaders and the company's own jobs see every client.</summary>
    All = 0,

    /// <summary>The clients of the head's department.</summary>
    Department = 1,

    /// <summary>The clients the user owns; also the filter of users who see nothing, with an owner no client has.</summary>
    Owner = 2,
}

/// <summary>A scope as far as the client filter reads it (<see cref="AccessScope.FilterKey"/>).</summary>
public readonly record struct ScopeFilterKey(ScopeFilterShape Shape, string Owner, int Department);

/// <summary>
/// SPEC §1 written once: which clients a scope sees, as one expression per filter shape, with the scope as a parameter.
/// The data layer makes each the query filter of a model of its own and supplies the acting user's scope per query, so
/// the statement of a shape never changes and keeps one plan (<c>"OwnerId" = $1</c>, <c>"DepartmentId" = $1</c>, or no
/// filter at all). <see cref="AccessScope.Sees"/> runs the same expressions, compiled once, on a client in memory.
/// </summary>
public static class ClientVisibility
{
    /// <summary>Staff see the clients they own.</summary>
    public static readonly Expression<Func<Client, AccessScope, bool>> Owned = (client, scope) => client.OwnerId == scope.OwnerSeen;

    /// <summary>A department head sees every client of the department.</summary>
    public static readonly Expression<Func<Client, AccessScope, bool>> InDepartment = (client, scope) => client.DepartmentId == scope.DepartmentSeen;

    /// <summary>The filter of a shape; null for <see cref="ScopeFilterShape.All"/>, whose queries carry none (and join no client).</summary>
    public static Expression<Func<Client, AccessScope, bool>>? Filter(ScopeFilterShape shape) => shape switch
    {
        ScopeFilterShape.Department => InDepartment,
        ScopeFilterShape.Owner => Owned,
        _ => null,
    };

    // Compiled once per shape, after the expressions above (static fields initialise in order); indexed by shape.
    private static readonly Func<Client, AccessScope, bool>?[] Checks =
        Enum.GetValues<ScopeFilterShape>().Order().Select(shape => Filter(shape)?.Compile()).ToArray();

    internal static bool Sees(AccessScope scope, Client client)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(client);
        return Checks[(int)scope.FilterShape] is not { } check || check(client, scope);
    }
}
