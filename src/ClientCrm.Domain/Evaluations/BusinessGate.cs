using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Evaluations;

/// <summary>A condition a client must meet before a new cooperation project (SPEC §5.2); the gate names each one missing.</summary>
public enum GateCondition
{
    /// <summary>The client is not in operation (<see cref="ClientStatus.Active"/>).</summary>
    ClientActive = 1,

    /// <summary>No valid business license (营业执照) is on file: the registration is incomplete (<see cref="Dossier.DossierCompleteness"/>).</summary>
    BusinessLicense = 2,

    /// <summary>No valid credit certificate (资信证明) is on file: the registration is incomplete.</summary>
    CreditCertificate = 3,

    /// <summary>No evaluation of the client has been approved.</summary>
    EvaluationApproved = 4,

    /// <summary>The client was paused longer than the setting allows after its evaluation was approved: it needs a new one.</summary>
    EvaluationCurrent = 5,
}

/// <summary>What the gate reads of a client.</summary>
/// <param name="MissingDocuments">The documents the registration lacks today (<see cref="Dossier.DossierCompleteness.Missing"/>).</param>
/// <param name="StatusChanges">The client's status moves since <paramref name="EvaluationApprovedAt"/>, oldest first (none when there is no approval).</param>
public sealed record GateFacts(ClientStatus Status, IReadOnlyList<Dossier.DocumentType> MissingDocuments, DateTimeOffset? EvaluationApprovedAt,
    IReadOnlyList<(ClientStatus To, DateTimeOffset At)> StatusChanges, DateTimeOffset Now);

/// <summary>
/// The business gate (SPEC §5.2): the server refuses a new cooperation project for a client that is not in operation, whose
/// registration is incomplete (no valid business license or credit certificate on file) or whose evaluation is not approved, and names every condition missing. A client paused for
/// longer than <see cref="EvaluationSettings.PauseNeedsNewEvaluationDays"/> after its approval needs a new evaluation.
/// </summary>
public static class BusinessGate
{
    public static IReadOnlyList<GateCondition> Missing(GateFacts facts, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);
        var missing = new List<GateCondition>();
        if (facts.Status != ClientStatus.Active)
        {
            missing.Add(GateCondition.ClientActive);
        }

        if (facts.MissingDocuments.Contains(Dossier.DocumentType.BusinessLicense))
        {
            missing.Add(GateCondition.BusinessLicense);
        }

        if (facts.MissingDocuments.Contains(Dossier.DocumentType.CreditCertificate))
        {
            missing.Add(GateCondition.CreditCertificate);
        }

        if (facts.EvaluationApprovedAt is null)
        {
            missing.Add(GateCondition.EvaluationApproved);
        }
        else if (LongestPause(facts) > TimeSpan.FromDays(settings.PauseNeedsNewEvaluationDays))
        {
            missing.Add(GateCondition.EvaluationCurrent);
        }

        return missing;
    }

    /// <summary>The longest time the client stayed paused since its approval (up to now when it is paused still).</summary>
    public static TimeSpan LongestPause(GateFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var longest = TimeSpan.Zero;
        DateTimeOffset? pausedAt = null;
        foreach (var (to, at) in facts.StatusChanges.OrderBy(c => c.At))
        {
            if (pausedAt is { } since && to != ClientStatus.Paused)
            {
                longest = Max(longest, at - since);
                pausedAt = null;
            }
            else if (pausedAt is null && to == ClientStatus.Paused)
            {
                pausedAt = at;
            }
        }

        return pausedAt is { } still ? Max(longest, facts.Now - still) : longest;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>The leaders' settings of the evaluation workflow.</summary>
public sealed record EvaluationSettings
{
    public const int DefaultStepDueDays = 3;
    public const int DefaultPauseNeedsNewEvaluationDays = 365;

    /// <summary>Days a step (the head's review, the leaders' decision) may wait before it goes to the leaders as overdue.</summary>
    public int StepDueDays { get; init; } = DefaultStepDueDays;

    /// <summary>A client paused longer than this after its approval needs a new evaluation before new business.</summary>
    public int PauseNeedsNewEvaluationDays { get; init; } = DefaultPauseNeedsNewEvaluationDays;
}
