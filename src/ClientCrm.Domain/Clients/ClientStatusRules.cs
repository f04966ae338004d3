namespace ClientCrm.Domain.Clients;

/// <summary>Which status moves are allowed (SPEC §2) and which of them only a leader may make.</summary>
public static class ClientStatusRules
{
    private static readonly Dictionary<ClientStatus, ClientStatus[]> Moves = new()
    {
        [ClientStatus.Prospect] = [ClientStatus.UnderEvaluation, ClientStatus.Terminated],
        [ClientStatus.UnderEvaluation] = [ClientStatus.Prospect, ClientStatus.Active, ClientStatus.Terminated],
        [ClientStatus.Active] = [ClientStatus.Paused, ClientStatus.Terminated],
        [ClientStatus.Paused] = [ClientStatus.Active, ClientStatus.Terminated],
        [ClientStatus.Terminated] = [ClientStatus.Prospect],
    };

    public static bool CanMove(ClientStatus from, ClientStatus to) =>
        Moves.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>
    /// Entering the operating procedure (进入操作程序) is a leader's decision: an approved evaluation makes the client Active
    /// by itself (<see cref="Client.EnterOperation"/>); set by hand it is a leader's override, with its reason.
    /// </summary>
    public static bool NeedsLeader(ClientStatus from, ClientStatus to) => to == ClientStatus.Active;

    /// <summary>
    /// Pausing or ending cooperation is recorded with its reason (kept in the status history and the audit log), so
    /// whoever reads the client later knows why business with it stopped; so is a leader's override to Active.
    /// </summary>
    public static bool NeedsReason(ClientStatus to) => to is ClientStatus.Paused or ClientStatus.Terminated or ClientStatus.Active;

    public static IReadOnlyList<ClientStatus> TargetsFrom(ClientStatus from, bool actorIsLeader) =>
        Moves.TryGetValue(from, out var targets)
            ? targets.Where(t => actorIsLeader || !NeedsLeader(from, t)).ToList()
            : [];
}
