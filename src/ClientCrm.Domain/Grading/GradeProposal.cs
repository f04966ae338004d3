using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Grading;

/// <summary>
/// A grade change a regrade run found for one client, waiting for the department head (B/C) or a leader (anything
/// with A) to confirm it or override it with a reason. Keeps the figures it was based on; it may be confirmed only while
/// today's figures still give the proposed grade (<see cref="IsSupportedBy"/>).
/// </summary>
public class GradeProposal : IClientRecord
{
    private GradeProposal() { }

    public GradeProposal(Guid runId, Guid clientId, ClientGrade from, GradeAssessment assessment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        Id = Guid.CreateVersion7(now);
        RunId = runId;
        ClientId = clientId;
        FromGrade = from;
        ProposedGrade = assessment.Grade;
        Criteria = assessment.Criteria;
        State = ProposalState.Pending;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid RunId { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public ClientGrade FromGrade { get; private set; }
    public ClientGrade ProposedGrade { get; private set; }
    public IReadOnlyList<CriterionResult> Criteria { get; private set; } = [];
    public ProposalState State { get; private set; }
    public ClientGrade? FinalGrade { get; private set; }
    public string? Reason { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whether <paramref name="decider"/> may decide this proposal at all (before choosing the final grade).</summary>
    public bool MayBeDecidedBy(GradeDecider decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        return GradeDecisionRules.MayDecide(decider.IsLeader, decider.IsDepartmentHead, FromGrade, ProposedGrade);
    }

    /// <summary>
    /// Whether the rules, applied to the client's figures now (<paramref name="current"/>: <see cref="GradingEngine.Assess"/> on
    /// today's facts and thresholds), still give <paramref name="proposed"/>. The figures move after a run (an incident, a
    /// project, a warning, a card edit, a threshold); a proposal they no longer give is out of date: it may not be
    /// confirmed, only overridden with a reason.
    /// </summary>
    public static bool Supports(ClientGrade proposed, GradeAssessment current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Grade == proposed;
    }

    public bool IsSupportedBy(GradeAssessment current) => Supports(ProposedGrade, current);

    /// <summary>Confirming is offered only while the proposal is pending, the decider may decide it, and today's figures still give it.</summary>
    public bool MayConfirm(GradeDecider decider, GradeAssessment current) =>
        State == ProposalState.Pending && MayBeDecidedBy(decider) && IsSupportedBy(current);

    /// <summary>Overriding (with a reason) stays open whatever the figures say now.</summary>
    public bool MayOverride(GradeDecider decider) => State == ProposalState.Pending && MayBeDecidedBy(decider);

    /// <summary>Each criterion as the run recorded it beside how it stands now, in the order of <paramref name="current"/>.</summary>
    public IReadOnlyList<CriterionComparison> Compare(GradeAssessment current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Criteria
            .Select(now => new CriterionComparison(now.Grade, now.Criterion,
                Criteria.FirstOrDefault(then => then.Grade == now.Grade && then.Criterion == now.Criterion), now))
            .ToList();
    }

    /// <summary>
    /// Sets the proposed grade. Refused (<c>Grade.FiguresChanged</c>) when <paramref name="current"/> no longer gives it; the
    /// history keeps <paramref name="current"/>'s figures, those true at the decision.
    /// </summary>
    public void Confirm(Client client, GradeDecider decider, string? responsibleLeaderId, GradeAssessment current, GradingThresholds thresholds,
        BusinessClock clock) =>
        Decide(client, decider, ProposedGrade, reason: null, responsibleLeaderId, current, confirming: true, thresholds, clock);

    /// <summary>
    /// Sets another grade than proposed (keeping the current one is an override too), or the proposed one against figures that
    /// no longer give it. Needs a reason. The history keeps <paramref name="current"/>'s figures.
    /// </summary>
    public void Override(Client client, GradeDecider decider, ClientGrade grade, string? reason, string? responsibleLeaderId,
        GradeAssessment current, GradingThresholds thresholds, BusinessClock clock)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Grade.ReasonRequired", "An override needs a reason.");
        }

        Decide(client, decider, grade, reason, responsibleLeaderId, current, confirming: false, thresholds, clock);
    }

    /// <summary>A newer run proposed again, or the grade was set by other means: this one is no longer to be decided.</summary>
    public void Supersede()
    {
        if (State == ProposalState.Pending)
        {
            State = ProposalState.Superseded;
        }
    }

    private void Decide(Client client, GradeDecider decider, ClientGrade final, string? reason, string? responsibleLeaderId,
        GradeAssessment current, bool confirming, GradingThresholds thresholds, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(clock);
        if (client.Id != ClientId)
        {
            throw new ArgumentException("The proposal belongs to another client.", nameof(client));
        }

        if (State != ProposalState.Pending)
        {
            throw new DomainException("Grade.AlreadyDecided", "This proposal has already been decided.");
        }

        if (client.Grade != FromGrade)
        {
            throw new DomainException("Grade.Stale", "The client's grade changed since the run; run again.");
        }

        if (!MayBeDecidedBy(decider) || !GradeDecisionRules.MayDecide(decider.IsLeader, decider.IsDepartmentHead, FromGrade, final))
        {
            throw new DomainException("Grade.NeedsLeader", "A change that involves grade A is a leader's decision.");
        }

        if (confirming && !IsSupportedBy(current))
        {
            throw new DomainException("Grade.FiguresChanged",
                $"Today's figures give {current.Grade}, not the proposed {ProposedGrade}; override with a reason instead.");
        }

        // Deciding against today's figures is an override, even when it sets the grade the run proposed.
        var overridden = final != ProposedGrade || !IsSupportedBy(current);
        if (final != client.Grade)
        {
            client.ChangeGrade(final, overridden ? GradeChangeKind.ProposalOverridden : GradeChangeKind.ProposalConfirmed, decider,
                reason, current.Criteria, responsibleLeaderId, Id, thresholds, clock);
        }

        State = overridden ? ProposalState.Overridden : ProposalState.Confirmed;
        FinalGrade = final;
        Reason = Client.Clean(reason);
        DecidedById = decider.UserId;
        DecidedByName = decider.Name;
        DecidedAt = clock.UtcNow;
    }
}

/// <summary>One criterion as a proposal recorded it (null for a criterion the run did not have) beside how it stands now.</summary>
public sealed record CriterionComparison(ClientGrade Grade, GradingCriterion Criterion, CriterionResult? Proposed, CriterionResult Current)
{
    /// <summary>Whether the client's figure, the outcome or what the rule asks differs from the proposal's.</summary>
    public bool Changed => Proposed is null || Proposed.Met != Current.Met || Proposed.Actual != Current.Actual || Proposed.Required != Current.Required;
}
