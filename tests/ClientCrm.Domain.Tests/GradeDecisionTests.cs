using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

public sealed class GradeDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(3);
    private static readonly GradingThresholds Thresholds = GradingThresholds.Default;

    private static readonly GradeDecider Leader = new("leader-1", "Leader One", IsLeader: true, IsDepartmentHead: false);
    private static readonly GradeDecider Head = new("head-1", "Head One", IsLeader: false, IsDepartmentHead: true);
    private static readonly GradeDecider Staff = new("staff-1", "Staff One", IsLeader: false, IsDepartmentHead: false);

    private static readonly IReadOnlyList<CriterionResult> Figures =
    [
        new(ClientGrade.B, GradingCriterion.Volume, true, "45 / 0", "≥ 30 / ≥ 1,000,000"),
        new(ClientGrade.A, GradingCriterion.BatchesLast12Months, false, "1", "≥ 3"),
    ];

    private static Client NewClient(ClientGrade grade = ClientGrade.C)
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        if (grade != ClientGrade.C)
        {
            client.ChangeGrade(grade, GradeChangeKind.Manual, Leader, "set up for the test", Figures,
                grade == ClientGrade.A ? "leader-1" : null, null, Thresholds, TestClock.At(Now));
        }

        return client;
    }

    private static GradeProposal Propose(Client client, ClientGrade to) =>
        new(Guid.NewGuid(), client.Id, client.Grade, new GradeAssessment(to, Figures), Now);

    /// <summary>Today's assessment giving <paramref name="grade"/> on the run's figures: nothing changed since the run.</summary>
    private static GradeAssessment Assessed(ClientGrade grade) => new(grade, Figures);

    private static GradeAssessment Supporting(GradeProposal proposal) => Assessed(proposal.ProposedGrade);

    [Theory]
    [InlineData(ClientGrade.C, ClientGrade.B, true)]
    [InlineData(ClientGrade.B, ClientGrade.C, true)]
    [InlineData(ClientGrade.C, ClientGrade.A, false)]
    [InlineData(ClientGrade.B, ClientGrade.A, false)]
    [InlineData(ClientGrade.A, ClientGrade.B, false)]
    [InlineData(ClientGrade.A, ClientGrade.C, false)]
    public void A_department_head_decides_between_B_and_C_only_and_a_leader_decides_everything(
        ClientGrade from, ClientGrade to, bool headMay)
    {
        Assert.Equal(headMay, GradeDecisionRules.MayDecide(isLeader: false, isDepartmentHead: true, from, to));
        Assert.True(GradeDecisionRules.MayDecide(isLeader: true, isDepartmentHead: false, from, to));
        Assert.False(GradeDecisionRules.MayDecide(isLeader: false, isDepartmentHead: false, from, to));
    }

    [Theory]
    [InlineData(ClientGrade.C, ClientGrade.B)]
    [InlineData(ClientGrade.B, ClientGrade.C)]
    public void A_department_head_confirms_a_change_between_B_and_C_and_the_history_keeps_who_and_the_figures(
        ClientGrade from, ClientGrade to)
    {
        var client = NewClient(from);
        var before = client.GradeChanges.Count;
        var proposal = Propose(client, to);

        proposal.Confirm(client, Head, responsibleLeaderId: null, Supporting(proposal), Thresholds, TestClock.At(Later));

        Assert.Equal(to, client.Grade);
        Assert.Equal(Later, client.GradeSince);
        Assert.Equal(before + 1, client.GradeChanges.Count);
        var change = client.GradeChanges.Last();
        Assert.Equal((from, to, GradeChangeKind.ProposalConfirmed), (change.FromGrade, change.ToGrade, change.Kind));
        Assert.Equal(("head-1", "Head One", Later), (change.ById, change.ByName, change.At));
        Assert.Null(change.Reason);
        Assert.Equal(Figures, change.Criteria);
        Assert.Equal(proposal.Id, change.ProposalId);
        Assert.Equal(client.Id, change.ClientId);

        Assert.Equal(ProposalState.Confirmed, proposal.State);
        Assert.Equal(to, proposal.FinalGrade);
        Assert.Equal(("head-1", "Head One", (DateTimeOffset?)Later), (proposal.DecidedById, proposal.DecidedByName, proposal.DecidedAt));
    }

    [Theory]
    [InlineData(ClientGrade.C, ClientGrade.A)]
    [InlineData(ClientGrade.B, ClientGrade.A)]
    [InlineData(ClientGrade.A, ClientGrade.B)]
    [InlineData(ClientGrade.A, ClientGrade.C)]
    public void A_department_head_may_not_confirm_anything_involving_A(ClientGrade from, ClientGrade to)
    {
        var client = NewClient(from);
        var history = client.GradeChanges.Count;
        var proposal = Propose(client, to);

        Assert.False(proposal.MayBeDecidedBy(Head));
        var ex = Assert.Throws<DomainException>(() => proposal.Confirm(client, Head, "leader-1", Supporting(proposal), Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.NeedsLeader", ex.Code);
        Assert.Equal(from, client.Grade);
        Assert.Equal(history, client.GradeChanges.Count);
        Assert.Equal(ProposalState.Pending, proposal.State);
    }

    [Fact]
    public void A_department_head_may_not_override_a_B_or_C_proposal_to_A()
    {
        var client = NewClient(ClientGrade.C);
        var proposal = Propose(client, ClientGrade.B);

        Assert.True(proposal.MayBeDecidedBy(Head));
        var ex = Assert.Throws<DomainException>(() => proposal.Override(client, Head, ClientGrade.A, "big new order", "leader-1", Supporting(proposal), Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.NeedsLeader", ex.Code);
        Assert.Equal(ClientGrade.C, client.Grade);
        Assert.Equal(ProposalState.Pending, proposal.State);
    }

    [Fact]
    public void A_department_head_may_not_override_a_proposal_from_A_even_to_keep_A()
    {
        var client = NewClient(ClientGrade.A);
        var proposal = Propose(client, ClientGrade.B);

        var ex = Assert.Throws<DomainException>(() => proposal.Override(client, Head, ClientGrade.A, "still our key client", null, Supporting(proposal), Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.NeedsLeader", ex.Code);
        Assert.Equal(ProposalState.Pending, proposal.State);
    }

    [Fact]
    public void Staff_decide_no_grade()
    {
        var client = NewClient(ClientGrade.C);
        var proposal = Propose(client, ClientGrade.B);

        Assert.False(proposal.MayBeDecidedBy(Staff));
        var ex = Assert.Throws<DomainException>(() => proposal.Confirm(client, Staff, null, Supporting(proposal), Thresholds, TestClock.At(Later)));
        Assert.Equal("Grade.NeedsLeader", ex.Code);
    }

    [Fact]
    public void A_leader_confirms_a_change_to_A_naming_the_responsible_leader()
    {
        var client = NewClient(ClientGrade.B);
        var proposal = Propose(client, ClientGrade.A);

        Assert.True(proposal.MayBeDecidedBy(Leader));
        proposal.Confirm(client, Leader, "leader-2", Supporting(proposal), Thresholds, TestClock.At(Later));

        Assert.Equal(ClientGrade.A, client.Grade);
        Assert.Equal("leader-2", client.ResponsibleLeaderId);
        Assert.Equal(ProposalState.Confirmed, proposal.State);
        Assert.Equal((ClientGrade.B, ClientGrade.A), (client.GradeChanges.Last().FromGrade, client.GradeChanges.Last().ToGrade));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Confirming_A_without_a_responsible_leader_is_refused_and_changes_nothing(string? responsibleLeaderId)
    {
        var client = NewClient(ClientGrade.B);
        var history = client.GradeChanges.Count;
        var proposal = Propose(client, ClientGrade.A);

        var ex = Assert.Throws<DomainException>(() => proposal.Confirm(client, Leader, responsibleLeaderId, Supporting(proposal), Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.ResponsibleLeaderRequired", ex.Code);
        Assert.Equal(ClientGrade.B, client.Grade);
        Assert.Null(client.ResponsibleLeaderId);
        Assert.Equal(history, client.GradeChanges.Count);
        Assert.Equal(ProposalState.Pending, proposal.State);
    }

    [Theory]
    [InlineData(ClientGrade.B)]
    [InlineData(ClientGrade.C)]
    public void Leaving_A_clears_the_responsible_leader(ClientGrade to)
    {
        var client = NewClient(ClientGrade.A);
        Assert.Equal("leader-1", client.ResponsibleLeaderId);

        Propose(client, to).Confirm(client, Leader, responsibleLeaderId: "leader-9", Assessed(to), Thresholds, TestClock.At(Later));

        Assert.Equal(to, client.Grade);
        Assert.Null(client.ResponsibleLeaderId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_override_needs_a_reason(string? reason)
    {
        var client = NewClient(ClientGrade.C);
        var proposal = Propose(client, ClientGrade.B);

        var ex = Assert.Throws<DomainException>(() => proposal.Override(client, Leader, ClientGrade.A, reason, "leader-1", Supporting(proposal), Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.ReasonRequired", ex.Code);
        Assert.Equal(ClientGrade.C, client.Grade);
        Assert.Equal(ProposalState.Pending, proposal.State);
    }

    [Fact]
    public void A_leader_overrides_to_another_grade_and_the_history_keeps_the_reason()
    {
        var client = NewClient(ClientGrade.C);
        var proposal = Propose(client, ClientGrade.B);

        proposal.Override(client, Leader, ClientGrade.A, "  strategic partner for the new port project  ", "leader-1", Supporting(proposal), Thresholds, TestClock.At(Later));

        Assert.Equal(ClientGrade.A, client.Grade);
        var change = Assert.Single(client.GradeChanges);
        Assert.Equal((ClientGrade.C, ClientGrade.A, GradeChangeKind.ProposalOverridden), (change.FromGrade, change.ToGrade, change.Kind));
        Assert.Equal("strategic partner for the new port project", change.Reason);
        Assert.Equal(("leader-1", (Guid?)proposal.Id), (change.ById, change.ProposalId));
        Assert.Equal(ProposalState.Overridden, proposal.State);
        Assert.Equal(ClientGrade.A, proposal.FinalGrade);
        Assert.Equal("strategic partner for the new port project", proposal.Reason);
    }

    [Fact]
    public void Overriding_to_the_current_grade_keeps_grade_and_history_but_records_the_override()
    {
        var client = NewClient(ClientGrade.B);
        var history = client.GradeChanges.ToList();
        var since = client.GradeSince;
        var proposal = Propose(client, ClientGrade.C);

        proposal.Override(client, Head, ClientGrade.B, "arrears already paid, record not closed yet", null, Supporting(proposal), Thresholds, TestClock.At(Later));

        Assert.Equal(ClientGrade.B, client.Grade);
        Assert.Equal(since, client.GradeSince);
        Assert.Equal(history, client.GradeChanges);
        Assert.Equal(ProposalState.Overridden, proposal.State);
        Assert.Equal(ClientGrade.B, proposal.FinalGrade);
        Assert.Equal("arrears already paid, record not closed yet", proposal.Reason);
        Assert.Equal("head-1", proposal.DecidedById);
    }

    [Fact]
    public void A_proposal_cannot_be_decided_twice()
    {
        var client = NewClient(ClientGrade.C);
        var proposal = Propose(client, ClientGrade.B);
        proposal.Confirm(client, Head, null, Supporting(proposal), Thresholds, TestClock.At(Later));

        var again = Assert.Throws<DomainException>(() => proposal.Confirm(client, Head, null, Supporting(proposal), Thresholds, TestClock.At(Later)));
        var overridden = Assert.Throws<DomainException>(() => proposal.Override(client, Leader, ClientGrade.C, "changed my mind", null, Supporting(proposal), Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.AlreadyDecided", again.Code);
        Assert.Equal("Grade.AlreadyDecided", overridden.Code);
        Assert.Equal(ClientGrade.B, client.Grade);
        Assert.Single(client.GradeChanges);
    }

    [Fact]
    public void A_superseded_proposal_cannot_be_decided_and_a_decided_one_is_not_superseded()
    {
        var client = NewClient(ClientGrade.C);
        var superseded = Propose(client, ClientGrade.B);
        superseded.Supersede();

        Assert.Equal(ProposalState.Superseded, superseded.State);
        Assert.Equal("Grade.AlreadyDecided", Assert.Throws<DomainException>(() => superseded.Confirm(client, Head, null, Supporting(superseded), Thresholds, TestClock.At(Later))).Code);

        var confirmed = Propose(client, ClientGrade.B);
        confirmed.Confirm(client, Head, null, Supporting(confirmed), Thresholds, TestClock.At(Later));
        confirmed.Supersede();
        Assert.Equal(ProposalState.Confirmed, confirmed.State);
    }

    [Fact]
    public void A_proposal_made_before_the_grade_changed_by_other_means_is_stale()
    {
        var client = NewClient(ClientGrade.C);
        var proposal = Propose(client, ClientGrade.B);
        client.ChangeGrade(ClientGrade.B, GradeChangeKind.Manual, Head, "signed a big contract", null, null, null, Thresholds, TestClock.At(Now.AddHours(1)));

        var ex = Assert.Throws<DomainException>(() => proposal.Override(client, Head, ClientGrade.C, "no", null, Supporting(proposal), Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.Stale", ex.Code);
        Assert.Equal(ProposalState.Pending, proposal.State);
        Assert.Single(client.GradeChanges);
    }

    [Fact]
    public void A_proposal_cannot_be_applied_to_another_client()
    {
        var proposal = Propose(NewClient(ClientGrade.C), ClientGrade.B);

        Assert.Throws<ArgumentException>(() => proposal.Confirm(NewClient(ClientGrade.C), Head, null, Supporting(proposal), Thresholds, TestClock.At(Later)));
    }

    [Fact]
    public void Every_real_change_adds_exactly_one_history_line_in_order()
    {
        var client = NewClient(ClientGrade.C);

        Propose(client, ClientGrade.B).Confirm(client, Head, null, Assessed(ClientGrade.B), Thresholds, TestClock.At(Now.AddDays(1)));
        Propose(client, ClientGrade.A).Confirm(client, Leader, "leader-1", Assessed(ClientGrade.A), Thresholds, TestClock.At(Now.AddDays(2)));
        Propose(client, ClientGrade.B).Override(client, Leader, ClientGrade.C, "paused after the dispute", null, Assessed(ClientGrade.B), Thresholds, TestClock.At(Now.AddDays(3)));
        client.ChangeGrade(ClientGrade.B, GradeChangeKind.Manual, Head, "resumed", null, null, null, Thresholds, TestClock.At(Now.AddDays(4)));

        Assert.Equal(
            new[]
            {
                (ClientGrade.C, ClientGrade.B, GradeChangeKind.ProposalConfirmed),
                (ClientGrade.B, ClientGrade.A, GradeChangeKind.ProposalConfirmed),
                (ClientGrade.A, ClientGrade.C, GradeChangeKind.ProposalOverridden),
                (ClientGrade.C, ClientGrade.B, GradeChangeKind.Manual),
            },
            client.GradeChanges.Select(c => (c.FromGrade, c.ToGrade, c.Kind)));
        Assert.Equal(Now.AddDays(4), client.GradeSince);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_grade_set_by_hand_needs_a_reason(string? reason)
    {
        var client = NewClient(ClientGrade.C);

        var ex = Assert.Throws<DomainException>(() =>
            client.ChangeGrade(ClientGrade.B, GradeChangeKind.Manual, Head, reason, null, null, null, Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.ReasonRequired", ex.Code);
        Assert.Equal(ClientGrade.C, client.Grade);
        Assert.Empty(client.GradeChanges);
    }

    [Fact]
    public void A_grade_set_by_hand_is_kept_in_the_history_with_its_reason()
    {
        var client = NewClient(ClientGrade.C);

        client.ChangeGrade(ClientGrade.B, GradeChangeKind.Manual, Head, "annual review", Figures, null, null, Thresholds, TestClock.At(Later));

        var change = Assert.Single(client.GradeChanges);
        Assert.Equal((ClientGrade.C, ClientGrade.B, GradeChangeKind.Manual, "annual review", "head-1"),
            (change.FromGrade, change.ToGrade, change.Kind, change.Reason, change.ById));
        Assert.Equal(Figures, change.Criteria);
        Assert.Null(change.ProposalId);
    }

    [Fact]
    public void Setting_the_grade_the_client_already_has_is_refused()
    {
        var client = NewClient(ClientGrade.B);

        var ex = Assert.Throws<DomainException>(() =>
            client.ChangeGrade(ClientGrade.B, GradeChangeKind.Manual, Leader, "again", null, null, null, Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.Unchanged", ex.Code);
        Assert.Single(client.GradeChanges);
    }

    [Theory]
    [InlineData(ClientGrade.C, ClientGrade.A)]
    [InlineData(ClientGrade.A, ClientGrade.B)]
    public void A_department_head_may_not_set_a_grade_involving_A_by_hand(ClientGrade from, ClientGrade to)
    {
        var client = NewClient(from);

        var ex = Assert.Throws<DomainException>(() =>
            client.ChangeGrade(to, GradeChangeKind.Manual, Head, "by hand", null, "leader-1", null, Thresholds, TestClock.At(Later)));

        Assert.Equal("Grade.NeedsLeader", ex.Code);
        Assert.Equal(from, client.Grade);
    }

    [Fact]
    public void Only_an_A_client_gets_a_responsible_leader()
    {
        var client = NewClient(ClientGrade.B);

        var ex = Assert.Throws<DomainException>(() => client.NameResponsibleLeader("leader-1", Later));
        Assert.Equal("Grade.ResponsibleLeaderOnlyForA", ex.Code);

        var a = NewClient(ClientGrade.A);
        a.NameResponsibleLeader("leader-3", Later);
        Assert.Equal("leader-3", a.ResponsibleLeaderId);
    }

    [Fact]
    public void A_new_client_starts_as_C_with_no_history()
    {
        var client = NewClient();

        Assert.Equal(ClientGrade.C, client.Grade);
        Assert.Null(client.GradeSince);
        Assert.Null(client.ResponsibleLeaderId);
        Assert.Empty(client.GradeChanges);
    }
}
