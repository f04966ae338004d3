using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests;

/// <summary>
/// The warning's review table (<see cref="Warning.Review"/>), move by move: every action in every state for every role, the
/// ones allowed and the refusal of the others, checked on the table and on a warning taking the step.
/// </summary>
public sealed class WarningReviewTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(5);

    private static readonly WarningActor Staff = new("staff-1", "Staff One", IsLeader: false, IsDepartmentHead: false);
    private static readonly WarningActor Head = new("head-1", "Head One", IsLeader: false, IsDepartmentHead: true);
    private static readonly WarningActor Leader = new("leader-1", "Leader One", IsLeader: true, IsDepartmentHead: false);

    private static readonly IReadOnlyList<RuleFinding> None = [];

    private static readonly WarningTexts Everything = new("actions", "looking into it", "cause", "measures", "false alarm", "report", "note");

    public enum Role
    {
        Staff,
        Head,
        Leader,
    }

    /// <summary>
    /// The review workflow of SPEC §7 written out by hand, independently of the table: (state, action) → who may, and the
    /// state it leads to. Everything not listed is refused.
    /// </summary>
    private static readonly Dictionary<(WarningState, WarningAction), (Role[] Who, WarningState To)> Legal = new()
    {
        [(WarningState.Open, WarningAction.Acknowledge)] = ([Role.Head, Role.Leader], WarningState.Acknowledged),
        [(WarningState.Open, WarningAction.Dismiss)] = ([Role.Head, Role.Leader], WarningState.Dismissed),
        [(WarningState.Open, WarningAction.Report)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Open),
        [(WarningState.Open, WarningAction.Note)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Open),
        [(WarningState.Acknowledged, WarningAction.Investigate)] = ([Role.Head, Role.Leader], WarningState.Investigating),
        [(WarningState.Acknowledged, WarningAction.Resolve)] = ([Role.Head, Role.Leader], WarningState.Resolved),
        [(WarningState.Acknowledged, WarningAction.Dismiss)] = ([Role.Head, Role.Leader], WarningState.Dismissed),
        [(WarningState.Acknowledged, WarningAction.Report)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Acknowledged),
        [(WarningState.Acknowledged, WarningAction.Note)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Acknowledged),
        [(WarningState.Investigating, WarningAction.Resolve)] = ([Role.Head, Role.Leader], WarningState.Resolved),
        [(WarningState.Investigating, WarningAction.Dismiss)] = ([Role.Head, Role.Leader], WarningState.Dismissed),
        [(WarningState.Investigating, WarningAction.Report)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Investigating),
        [(WarningState.Investigating, WarningAction.Note)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Investigating),
        [(WarningState.Resolved, WarningAction.Note)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Resolved),
        [(WarningState.Dismissed, WarningAction.Note)] = ([Role.Staff, Role.Head, Role.Leader], WarningState.Dismissed),
    };

    private static readonly WarningAction[] ReviewSteps = [WarningAction.Acknowledge, WarningAction.Investigate, WarningAction.Resolve, WarningAction.Dismiss];

    public static TheoryData<WarningState, WarningAction, Role> EveryMove()
    {
        var data = new TheoryData<WarningState, WarningAction, Role>();
        foreach (var state in Enum.GetValues<WarningState>())
        {
            foreach (var action in Enum.GetValues<WarningAction>())
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    data.Add(state, action, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void Each_move_is_allowed_exactly_to_the_roles_the_workflow_names_and_leads_where_it_says(WarningState state, WarningAction action, Role role)
    {
        var warning = InState(state);
        var actor = ActorOf(role);
        var events = warning.Events.Count;

        if (Legal.TryGetValue((state, action), out var move) && move.Who.Contains(role))
        {
            Assert.True(Warning.Review.May(state, action, actor.Parties));
            Assert.Contains(action, warning.ActionsFor(actor, None));
            warning.Take(action, actor, Everything, None, Later);
            Assert.Equal(move.To, warning.State);
            Assert.Equal(events + 1, warning.Events.Count);
            var line = warning.Events.Last();
            Assert.Equal((actor.UserId, actor.Name, Later), (line.ActorId, line.ActorName, line.At));
        }
        else
        {
            Assert.False(Warning.Review.May(state, action, actor.Parties));
            Assert.DoesNotContain(action, warning.ActionsFor(actor, None));
            var refusal = Assert.Throws<DomainException>(() => warning.Take(action, actor, Everything, None, Later));
            Assert.Equal(ExpectedRefusal(state, action, role), refusal.Code);
            Assert.Null(refusal.Field); // a refusal of the move itself concerns no field
            Assert.Equal((state, events, Now), (warning.State, warning.Events.Count, warning.UpdatedAt));
        }
    }

    [Theory]
    [InlineData(WarningState.Open, Role.Staff, new[] { WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Open, Role.Head, new[] { WarningAction.Acknowledge, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Open, Role.Leader, new[] { WarningAction.Acknowledge, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Acknowledged, Role.Staff, new[] { WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Acknowledged, Role.Head,
        new[] { WarningAction.Investigate, WarningAction.Resolve, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Investigating, Role.Leader, new[] { WarningAction.Resolve, WarningAction.Dismiss, WarningAction.Report, WarningAction.Note })]
    [InlineData(WarningState.Resolved, Role.Leader, new[] { WarningAction.Note })]
    [InlineData(WarningState.Dismissed, Role.Staff, new[] { WarningAction.Note })]
    public void The_actions_a_person_is_offered_are_exactly_the_ones_they_may_take(WarningState state, Role role, WarningAction[] offered)
    {
        Assert.Equal(offered.Order(), InState(state).ActionsFor(ActorOf(role), None).Order());
    }

    [Theory]
    [InlineData(WarningState.Open)]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void While_its_rule_holds_a_rule_warning_is_offered_neither_resolving_nor_dismissing(WarningState state)
    {
        var arrears = new RuleFinding(WarningRule.WageArrears, [new WarningFigure("OpenWageArrearsIncidents", "1")]);
        var warning = RaisedArrears(state);

        var offered = warning.ActionsFor(Leader, [arrears]);

        Assert.DoesNotContain(WarningAction.Resolve, offered);
        Assert.DoesNotContain(WarningAction.Dismiss, offered);
        Assert.Contains(WarningAction.Note, offered);
        Assert.Contains(WarningAction.Dismiss, warning.ActionsFor(Leader, None));
        var refusal = Assert.Throws<DomainException>(() => warning.Take(WarningAction.Dismiss, Leader, Everything, [arrears], Later));
        Assert.Equal(("Warnings.ConditionHolds", null), (refusal.Code, refusal.Field));
    }

    [Theory]
    [InlineData(WarningState.Open, WarningAction.Acknowledge, "Warnings.ActionsRequired", "Actions")]
    [InlineData(WarningState.Open, WarningAction.Dismiss, "Warnings.DismissReasonRequired", "DismissReason")]
    [InlineData(WarningState.Open, WarningAction.Report, "Warnings.ReportRequired", "Report")]
    [InlineData(WarningState.Open, WarningAction.Note, "Warnings.NoteRequired", "Note")]
    [InlineData(WarningState.Acknowledged, WarningAction.Resolve, "Warnings.CauseRequired", "Cause")]
    public void A_step_without_its_text_is_refused_naming_the_field_the_text_belongs_in(WarningState state, WarningAction action, string code, string field)
    {
        var warning = InState(state);

        var refusal = Assert.Throws<DomainException>(() => warning.Take(action, Head, new WarningTexts(), None, Later));

        Assert.Equal((code, field), (refusal.Code, refusal.Field));
        Assert.Equal(state, warning.State);
    }

    [Theory]
    [InlineData(WarningAction.Acknowledge, "Actions")]
    [InlineData(WarningAction.Dismiss, "DismissReason")]
    public void A_text_over_the_limit_is_refused_naming_its_field(WarningAction action, string field)
    {
        var tooLong = new string('x', Warning.MaxTextLength + 1);
        var texts = new WarningTexts(Actions: tooLong, DismissReason: tooLong);

        var refusal = Assert.Throws<DomainException>(() => Filed().Take(action, Head, texts, None, Later));

        Assert.Equal(("Warnings.TextTooLong", field), (refusal.Code, refusal.Field));
    }

    [Fact]
    public void The_investigation_note_is_optional_but_named_when_too_long()
    {
        var warning = InState(WarningState.Acknowledged);
        var refusal = Assert.Throws<DomainException>(() =>
            warning.Take(WarningAction.Investigate, Head, new WarningTexts(InvestigationNote: new string('x', Warning.MaxTextLength + 1)), None, Later));
        Assert.Equal(("Warnings.TextTooLong", "InvestigationNote"), (refusal.Code, refusal.Field));

        warning.Take(WarningAction.Investigate, Head, new WarningTexts(), None, Later);

        Assert.Equal(WarningState.Investigating, warning.State);
    }

    [Fact]
    public void An_open_warning_waits_for_the_reviewers_and_goes_to_the_leaders_when_left_unacknowledged()
    {
        const Parties reviewers = Parties.DepartmentHead | Parties.Leader;
        Assert.Equal(reviewers, Warning.Review.NextActors(WarningState.Open));
        Assert.Equal(reviewers, Warning.Review.NextActors(WarningState.Acknowledged));
        Assert.Equal(reviewers, Warning.Review.NextActors(WarningState.Investigating));
        Assert.Equal(Parties.None, Warning.Review.NextActors(WarningState.Resolved));
        Assert.Equal([WarningState.Open], Warning.Review.DueStates);
        Assert.Equal(Parties.Leader, Warning.Review.EscalatesTo(WarningState.Open));
        Assert.Equal(Parties.None, Warning.Review.EscalatesTo(WarningState.Acknowledged));
    }

    [Fact]
    public void Open_is_every_state_that_is_not_final_and_the_query_rule_says_the_same_as_the_check_in_memory()
    {
        Assert.Equal([WarningState.Open, WarningState.Acknowledged, WarningState.Investigating], Warning.Review.OpenStates);
        var isOpen = Warning.IsOpen.Compile();
        foreach (var state in Enum.GetValues<WarningState>())
        {
            var warning = InState(state);
            Assert.Equal(Warning.IsOpenState(state), isOpen(warning));
            Assert.Equal(!warning.IsClosed, isOpen(warning));
        }
    }

    [Theory]
    [InlineData(WarningState.Open, 3, true)]
    [InlineData(WarningState.Open, 2, false)]
    [InlineData(WarningState.Acknowledged, 30, false)]
    [InlineData(WarningState.Dismissed, 30, false)]
    public void The_escalation_query_rule_says_the_same_as_the_check_in_memory(WarningState state, int daysLater, bool due)
    {
        var warning = InState(state);
        var now = Now.AddDays(daysLater);

        var cutoff = Warning.EscalationCutoff(now, 3);

        Assert.Equal(due, Warning.IsDueForEscalation(warning.State, warning.RaisedAt, warning.EscalatedAt, now, 3));
        Assert.Equal(due, Warning.DueForEscalation(cutoff).Compile()(warning));
    }

    private static string ExpectedRefusal(WarningState state, WarningAction action, Role role) =>
        state is WarningState.Resolved or WarningState.Dismissed ? "Warnings.Closed"
        : role == Role.Staff && ReviewSteps.Contains(action) ? "Warnings.ReviewersOnly"
        : "Warnings.WrongState";

    private static WarningActor ActorOf(Role role) => role switch
    {
        Role.Staff => Staff,
        Role.Head => Head,
        _ => Leader,
    };

    private static Warning Filed()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, GradingThresholds.Default, TestClock.At(Now));
        return Warning.File(client, WarningFamily.MajorChange, "Moving production abroad", null, Staff, Now);
    }

    /// <summary>A filed warning brought to <paramref name="state"/> at <see cref="Now"/>, through the workflow itself.</summary>
    private static Warning InState(WarningState state)
    {
        var warning = Filed();
        Bring(warning, state);
        return warning;
    }

    private static Warning RaisedArrears(WarningState state)
    {
        var warning = Warning.Raise(Guid.NewGuid(), ClientGrade.C, new RuleFinding(WarningRule.WageArrears, []), null, Now);
        Bring(warning, state);
        return warning;
    }

    private static void Bring(Warning warning, WarningState state)
    {
        if (state is WarningState.Acknowledged or WarningState.Investigating or WarningState.Resolved)
        {
            warning.Acknowledge(Head, "Visit the client", Now);
        }

        if (state == WarningState.Investigating)
        {
            warning.StartInvestigation(Head, null, Now);
        }

        if (state == WarningState.Resolved)
        {
            warning.Resolve(Head, "cause", "measures", None, Now);
        }

        if (state == WarningState.Dismissed)
        {
            warning.Dismiss(Head, "duplicate", None, Now);
        }
    }
}
