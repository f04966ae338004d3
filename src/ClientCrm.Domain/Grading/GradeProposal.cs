using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Grading;

/// <summary>
/// A grade change a regrade run found for one client, waiting for the department head (B/C) or a leader (anything
/// with A) to confirm it or override it with a reason. Keeps the figures it was based on.
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

    public void Confirm(Client client, GradeDecider decider, string? responsibleLeaderId, GradingThresholds thresholds, BusinessClock clock) =>
        Decide(client, decider, ProposedGrade, reason: null, responsibleLeaderId, thresholds, clock);

    /// <summary>Sets another grade than proposed (keeping the current one is an override too). Needs a reason.</summary>
    public void Override(Client client, GradeDecider decider, ClientGrade grade, string? reason, string? responsibleLeaderId,
        GradingThresholds thresholds, BusinessClock clock)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Grade.ReasonRequired", "An override needs a reason.");
        }

        Decide(client, decider, grade, reason, responsibleLeaderId, thresholds, clock);
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
        GradingThresholds thresholds, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(decider);
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

        var overridden = final != ProposedGrade;
        if (final != client.Grade)
        {
            client.ChangeGrade(final, overridden ? GradeChangeKind.ProposalOverridden : GradeChangeKind.ProposalConfirmed, decider,
                reason, Criteria, responsibleLeaderId, Id, thresholds, clock);
        }

        State = overridden ? ProposalState.Overridden : ProposalState.Confirmed;
        FinalGrade = final;
        Reason = Client.Clean(reason);
        DecidedById = decider.UserId;
        DecidedByName = decider.Name;
        DecidedAt = clock.UtcNow;
    }
}
