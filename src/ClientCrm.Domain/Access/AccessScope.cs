using ClientCrm.Domain.Clients;

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
/// Which clients a user may see (SPEC §1, 客户资料库分级管理), and what the user's roles make them: the one place role names
/// become a standing. The rule itself is <see cref="ClientVisibility"/>, which the data layer makes the query filter of
/// every client query and <see cref="Sees"/> applies to a client in memory.
/// </summary>
public sealed record AccessScope(ScopeLevel Level, string? UserId, int? DepartmentId)
{
    /// <summary>Owners are users, whose ids are never empty: no client has this owner.</summary>
    private const string NoOwner = "";

    /// <summary>Department ids start at 1: no client is in this department.</summary>
    private const int NoDepartment = -1;

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

    /// <summary>
    /// A leader (公司领导): sets clients Active, decides grade changes that involve A, edits the company's settings. The
    /// company's own jobs see every client too, but are no person and decide nothing.
    /// </summary>
    public bool IsLeader => Level == ScopeLevel.All && UserId is not null;

    /// <summary>A head of a department (部门负责人); one without a department is not, and sees nothing.</summary>
    public bool IsDepartmentHead => Level == ScopeLevel.Department;

    /// <summary>The shape of this scope's client filter: one model per shape, so levels of one shape share query plans.</summary>
    public ScopeFilterShape FilterShape => Level switch
    {
        ScopeLevel.All => ScopeFilterShape.All,
        ScopeLevel.Department => ScopeFilterShape.Department,
        _ => ScopeFilterShape.Owner,
    };

    /// <summary>
    /// The owner whose clients the owner filter shows. A scope that sees nothing gets an owner no client has, so it shares
    /// the staff's filter instead of needing a model of its own.
    /// </summary>
    public string OwnerSeen => Level == ScopeLevel.Own && UserId is not null ? UserId : NoOwner;

    /// <summary>The department whose clients the department filter shows.</summary>
    public int DepartmentSeen => Level == ScopeLevel.Department && DepartmentId is { } department ? department : NoDepartment;

    /// <summary>
    /// What the client filter reads from this scope: scopes with the same key see the same clients, so what is kept per
    /// scope (counts, first pages) is kept per key.
    /// </summary>
    public ScopeFilterKey FilterKey => new(FilterShape, OwnerSeen, DepartmentSeen);

    /// <summary>The rule in memory: the compiled form of the same expression the query filter is.</summary>
    public bool Sees(Client client) => ClientVisibility.Sees(this, client);
}
