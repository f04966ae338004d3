namespace ClientCrm.Domain.Access;

public enum ScopeLevel
{
    /// <summary>Sees no client at all (Admin, anonymous).</summary>
    None = 0,
    /// <summary>Sees the clients they own (Staff).</summary>
    Own = 1,
    /// <summary>Sees every client of their department (DepartmentHead).</summary>
    Department = 2,
    /// <summary>Sees every client (Leader, background jobs).</summary>
    All = 3,
}

/// <summary>
/// Which clients a user may see (SPEC §1, 客户资料库分级管理). The data layer turns this into the query
/// filter every client query goes through; this type only states the rule.
/// </summary>
public sealed record AccessScope(ScopeLevel Level, string? UserId, int? DepartmentId)
{
    public static readonly AccessScope Nothing = new(ScopeLevel.None, null, null);

    /// <summary>For jobs and start-up work that act for the company, not for a person.</summary>
    public static readonly AccessScope System = new(ScopeLevel.All, null, null);

    public static AccessScope For(string userId, IEnumerable<string> roles, int? departmentId)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var set = roles.ToHashSet(StringComparer.Ordinal);
        // Highest role wins: a leader who is also listed as staff still sees everything.
        if (set.Contains(Roles.Leader))
        {
            return new(ScopeLevel.All, userId, departmentId);
        }

        if (set.Contains(Roles.DepartmentHead) && departmentId is not null)
        {
            return new(ScopeLevel.Department, userId, departmentId);
        }

        if (set.Contains(Roles.Staff))
        {
            return new(ScopeLevel.Own, userId, departmentId);
        }

        return Nothing with { UserId = userId };
    }

    public bool Covers(string ownerId, int departmentId) => Level switch
    {
        ScopeLevel.All => true,
        ScopeLevel.Department => DepartmentId == departmentId,
        ScopeLevel.Own => UserId == ownerId,
        _ => false,
    };
}
