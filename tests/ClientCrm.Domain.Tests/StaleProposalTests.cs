using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

/// <summary>
/// Issue 10 (2): a proposal keeps the figures of its run, but the facts move after it. It may be confirmed only while today's
/// figures still give the proposed grade; otherwise it is overridden with a reason. The history keeps the figures of the decision.
/// </summary>
public sealed class StaleProposalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddDays(2);
    private static readonly GradingThresholds Thresholds = GradingThresholds.Default;

    private static readonly GradeDecider Head = new("head-1", "Head One", IsLeader: false, IsDepartmentHead: true);
    private static readonly GradeDecider Leader = new("leader-1", "Leader One", IsLeader: true, IsDepartmentHead: false);
    private static readonly GradeDecider Staff = new("staff-1", "Staff One", IsLeader: false, IsDepartmentHead: false);

    /// <summary>A client that meets B but not A: two years of cooperation, 40 workers, stable business.</summary>
    private static GradingFacts RegularB() => new()
    {
        Status = ClientStatus.Active,
        CreditRating = CreditRating.Good,
        OperatingStatus = OperatingStatus.Stable,
        DemandTrend = DemandTrend.Stable,
        CooperationIntent = CooperationIntent.Normal,
        BatchesByYear = [1, 1],
        CooperationByYear = [true, true],
        WorkersDispatchedLast24Months = 40,
        AmountCnyLast24Months = 400_000m,
    };

    /// <summary>The same client after a wage-arrears incident was recorded and the engine raised its abnormal warning.</summary>
    private static GradingFacts WithArrears() => RegularB() with { OpenWageArrearsIncidents = 1, OpenAbnormalWarnings = 1 };

    private static GradeAssessment Assess(GradingFacts facts) => GradingEngine.Assess(facts, Thresholds);

    private static (Client Client, GradeProposal Proposal) ProposedB()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, Thresholds, TestClock.At(Now));
        return (client, new GradeProposal(Guid.NewGuid(), client.Id, client.Grade, Assess(RegularB()), Now));
    }

    private static CriterionResult B(IReadOnlyList<CriterionResult> criteria, GradingCriterion criterion) =>
        Assert.Single(criteria, c => c.Grade == ClientGrade.B && c.Criterion == criterion);

    [Fact]
    public void A_proposal_is_supported_while_todays_figures_give_its_grade_and_not_once_they_give_another()
    {
        var (_, proposal) = ProposedB();

        Assert.Equal(ClientGrade.B, proposal.ProposedGrade);
        Assert.True(proposal.IsSupportedBy(Assess(RegularB())));
        Assert.True(proposal.IsSupportedBy(Assess(RegularB() with { WorkersDispatchedLast24Months = 90 }))); // figures moved, grade did not
        Assert.False(proposal.IsSupportedBy(Assess(WithArrears())));
        Assert.True(GradeProposal.Supports(ClientGrade.C, Assess(WithArrears())));
    }

    [Fact]
    public void Confirming_a_proposal_todays_figures_no_longer_give_is_refused_and_changes_nothing()
    {
        var (client, proposal) = ProposedB();
        var today = Assess(WithArrears());

        Assert.False(proposal.MayConfirm(Head, today));
        Assert.True(proposal.MayOverride(Head));
        var ex = Assert.Throws<DomainException>(() => proposal.Confirm(client, Head, null, today, Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.FiguresChanged", ex.Code);
        Assert.Equal(ClientGrade.C, client.Grade);
        Assert.Empty(client.GradeChanges);
        Assert.Equal(ProposalState.Pending, proposal.State);
        Assert.Null(proposal.DecidedAt);
    }

    [Fact]
    public void Who_may_decide_is_checked_before_the_figures()
    {
        var (client, proposal) = ProposedB();

        Assert.False(proposal.MayConfirm(Staff, Assess(RegularB())));
        Assert.Equal("Grade.NeedsLeader", Assert.Throws<DomainException>(() => proposal.Confirm(client, Staff, null, Assess(WithArrears()), Thresholds, TestClock.At(Later))).Code);
    }

    [Fact]
    public void Overriding_against_todays_figures_needs_a_reason_and_the_history_keeps_todays_figures_not_the_runs()
    {
        var (client, proposal) = ProposedB();
        var today = Assess(WithArrears());

        Assert.Equal("Grade.ReasonRequired",
            Assert.Throws<DomainException>(() => proposal.Override(client, Head, ClientGrade.B, " ", null, today, Thresholds, TestClock.At(Later))).Code);
        proposal.Override(client, Head, ClientGrade.B, "欠薪已于昨日付清，事件待关闭", null, today, Thresholds, TestClock.At(Later));

        Assert.Equal(ClientGrade.B, client.Grade);
        var change = Assert.Single(client.GradeChanges);
        // Setting the proposed grade against today's figures is an override, not a confirmation.
        Assert.Equal((GradeChangeKind.ProposalOverridden, "欠薪已于昨日付清，事件待关闭"), (change.Kind, change.Reason));
        Assert.Equal(ProposalState.Overridden, proposal.State);
        Assert.Equal(today.Criteria, change.Criteria);
        Assert.Equal(("1", false), (B(change.Criteria, GradingCriterion.NoOpenWageArrears).Actual, B(change.Criteria, GradingCriterion.NoOpenWageArrears).Met));
        Assert.Equal("0", B(proposal.Criteria, GradingCriterion.NoOpenWageArrears).Actual); // the proposal keeps what the run saw
    }

    [Fact]
    public void Keeping_the_current_grade_against_a_stale_proposal_is_an_override_that_changes_no_grade()
    {
        var (client, proposal) = ProposedB();

        proposal.Override(client, Head, ClientGrade.C, "新发生欠薪，维持 C", null, Assess(WithArrears()), Thresholds, TestClock.At(Later));

        Assert.Equal((ClientGrade.C, ProposalState.Overridden, (ClientGrade?)ClientGrade.C), (client.Grade, proposal.State, proposal.FinalGrade));
        Assert.Empty(client.GradeChanges);
    }

    [Fact]
    public void Confirming_while_the_figures_moved_but_still_give_the_grade_keeps_todays_figures_in_the_history()
    {
        var (client, proposal) = ProposedB();
        var today = Assess(RegularB() with { WorkersDispatchedLast24Months = 90 });

        Assert.True(proposal.MayConfirm(Head, today));
        proposal.Confirm(client, Head, null, today, Thresholds, TestClock.At(Later));

        var change = Assert.Single(client.GradeChanges);
        Assert.Equal((ClientGrade.C, ClientGrade.B, GradeChangeKind.ProposalConfirmed), (change.FromGrade, change.ToGrade, change.Kind));
        Assert.Equal(today.Criteria, change.Criteria);
        Assert.StartsWith("90 / ", B(change.Criteria, GradingCriterion.Volume).Actual, StringComparison.Ordinal);
        Assert.Equal(ProposalState.Confirmed, proposal.State);
    }

    [Fact]
    public void A_decided_proposal_is_offered_neither_confirm_nor_override()
    {
        var (client, proposal) = ProposedB();
        proposal.Confirm(client, Leader, null, Assess(RegularB()), Thresholds, TestClock.At(Later));

        Assert.False(proposal.MayConfirm(Leader, Assess(RegularB())));
        Assert.False(proposal.MayOverride(Leader));
    }

    [Fact]
    public void The_comparison_marks_exactly_the_criteria_whose_figure_outcome_or_requirement_changed()
    {
        var (_, proposal) = ProposedB();

        var comparison = proposal.Compare(Assess(WithArrears()));

        Assert.Equal(Assess(WithArrears()).Criteria.Count, comparison.Count);
        Assert.All(comparison, c => Assert.NotNull(c.Proposed));
        var changed = comparison.Where(c => c.Changed).Select(c => (c.Grade, c.Criterion)).ToList();
        Assert.Equal(
        [
            (ClientGrade.A, GradingCriterion.NoOpenAbnormalWarning), (ClientGrade.A, GradingCriterion.NoOpenWageArrears),
            (ClientGrade.B, GradingCriterion.NoOpenAbnormalWarning), (ClientGrade.B, GradingCriterion.NoOpenWageArrears),
        ], changed);
        var arrears = Assert.Single(comparison, c => c.Grade == ClientGrade.B && c.Criterion == GradingCriterion.NoOpenWageArrears);
        Assert.Equal(("0", true, "1", false), (arrears.Proposed!.Actual, arrears.Proposed.Met, arrears.Current.Actual, arrears.Current.Met));

        // A threshold moved by the leaders changes what the rule asks, and is marked too.
        var stricter = proposal.Compare(GradingEngine.Assess(RegularB(), Thresholds with { BMinWorkersLast24Months = 35 }));
        Assert.Contains(stricter, c => c.Changed && c.Grade == ClientGrade.B && c.Criterion == GradingCriterion.Volume);
        Assert.DoesNotContain(proposal.Compare(Assess(RegularB())), c => c.Changed);
    }
}
