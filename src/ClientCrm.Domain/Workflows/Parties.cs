namespace ClientCrm.Domain.Workflows;

/// <summary>
/// Who may take a step of a workflow, by role or by relation to the item's client (SPEC §1). A person is usually several at
/// once: everyone who reaches an item is <see cref="AnyoneInScope"/>, and a leader also counts as the head of a department
/// that has none (<see cref="WorkflowParties.Of"/>).
/// </summary>
[Flags]
public enum Parties
{
    None = 0,

    /// <summary>Anyone who sees the item: the access scope has already decided who that is.</summary>
    AnyoneInScope = 1,

    /// <summary>The client's owner (业务员).</summary>
    Owner = 2,

    /// <summary>A head of the client's department (部门负责人).</summary>
    DepartmentHead = 4,

    /// <summary>A leader of the company (公司领导).</summary>
    Leader = 8,
}

/// <summary>The person taking a step: named for the timeline, and what they are to the item (<see cref="WorkflowParties.Of"/>).</summary>
public sealed record WorkflowActor(string UserId, string Name, Parties Is);

/// <summary>How people and items meet: who a person is to an item, and who is told that an item waits for a party.</summary>
public static class WorkflowParties
{
    /// <summary>
    /// What a person is to an item of a client. A department without a head (none, or only disabled ones) has its steps taken
    /// by the leaders, so a leader is then also that department's head.
    /// </summary>
    public static Parties Of(bool isLeader, bool headsClientsDepartment, bool ownsClient, bool departmentHasHead)
    {
        var parties = Parties.AnyoneInScope;
        if (isLeader)
        {
            parties |= departmentHasHead ? Parties.Leader : Parties.Leader | Parties.DepartmentHead;
        }

        if (headsClientsDepartment)
        {
            parties |= Parties.DepartmentHead;
        }

        if (ownsClient)
        {
            parties |= Parties.Owner;
        }

        return parties;
    }

    /// <summary>
    /// The people to tell that an item waits for <paramref name="next"/> (<see cref="WorkflowTable{TState,TAction}.NextActors"/>):
    /// the owner, the department's heads (the leaders when it has none) and the leaders, each once. "Anyone in scope" names
    /// nobody in particular and is told nothing.
    /// </summary>
    public static IReadOnlyList<string> Recipients(Parties next, string? ownerId, IReadOnlyCollection<string> departmentHeadIds,
        IReadOnlyCollection<string> leaderIds)
    {
        ArgumentNullException.ThrowIfNull(departmentHeadIds);
        ArgumentNullException.ThrowIfNull(leaderIds);
        var people = new List<string>();
        if (next.HasFlag(Parties.Owner) && !string.IsNullOrEmpty(ownerId))
        {
            people.Add(ownerId);
        }

        if (next.HasFlag(Parties.DepartmentHead))
        {
            people.AddRange(departmentHeadIds.Count > 0 ? departmentHeadIds : leaderIds);
        }

        if (next.HasFlag(Parties.Leader))
        {
            people.AddRange(leaderIds);
        }

        return people.Distinct(StringComparer.Ordinal).ToList();
    }
}
