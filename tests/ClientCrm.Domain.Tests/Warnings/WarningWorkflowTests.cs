using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Domain.Tests;

public sealed class WarningWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(3);

    private static readonly WarningActor Leader = new("leader-1", "Leader One", IsLeader: true, IsDepartmentHead: false);
    private static readonly WarningActor Head = new("head-1", "Head One", IsLeader: false, IsDepartmentHead: true);
    private static readonly WarningActor Staff = new("staff-1", "Staff One", IsLeader: false, IsDepartmentHead: false);

    private static readonly GradeDecider Decider = new("leader-1", "Leader One", IsLeader: true, IsDepartmentHead: false);

    private static readonly IReadOnlyList<CriterionResult> Figures =
    [
        new(ClientGrade.B, GradingCriterion.Volume, true, "45 / 0", "≥ 30 / ≥ 1,000,000"),
    ];

    private static readonly RuleFinding Arrears = new(WarningRule.WageArrears,
        [new WarningFigure("OpenWageArrearsIncidents", "1"), new WarningFigure("WorkersOwedWages", "4")]);

    private static readonly WarningSource ArrearsSource = WarningSource.Incident(Guid.NewGuid(), Guid.NewGuid());

    /// <summary>No rule holds for the client now (what <see cref="WarningRules.Evaluate"/> gives once every cause is dealt with).</summary>
    private static readonly IReadOnlyList<RuleFinding> None = [];

    private static Client NewClient(ClientGrade grade = ClientGrade.C)
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        if (grade != ClientGrade.C)
        {
            client.ChangeGrade(grade, GradeChangeKind.Manual, Decider, "set up for the test", Figures,
                grade == ClientGrade.A ? "leader-1" : null, null, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        }

        return client;
    }

    private static Warning Filed(ClientGrade grade = ClientGrade.C, WarningFamily family = WarningFamily.MajorChange) =>
        Warning.File(NewClient(grade), family, "Moving production to another emirate", null, Staff, Now);

    private static Warning Acknowledged()
    {
        var warning = Filed();
        warning.Acknowledge(Head, "Visit the client this week", Now);
        return warning;
    }

    private static Warning Investigating()
    {
        var warning = Acknowledged();
        warning.StartInvestigation(Head, null, Now);
        return warning;
    }

    private static Warning Resolved()
    {
        var warning = Acknowledged();
        warning.Resolve(Head, "cause", "measures", None, Now);
        return warning;
    }

    private static Warning Dismissed()
    {
        var warning = Filed();
        warning.Dismiss(Head, "duplicate", None, Now);
        return warning;
    }

    private static Warning InState(WarningState state) => state switch
    {
        WarningState.Open => Filed(),
        WarningState.Acknowledged => Acknowledged(),
        WarningState.Investigating => Investigating(),
        WarningState.Resolved => Resolved(),
        WarningState.Dismissed => Dismissed(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    // ---- Filing by hand ----

    [Fact]
    public void A_filed_warning_is_open_with_its_trimmed_summary_and_report_and_who_filed_it()
    {
        var client = NewClient();

        var warning = Warning.File(client, WarningFamily.Churn, "  Talks with another agency  ", "  Heard at the fair.  ", Staff, Now);

        Assert.Equal(WarningState.Open, warning.State);
        Assert.Equal(client.Id, warning.ClientId);
        Assert.Equal(WarningFamily.Churn, warning.Family);
        Assert.Null(warning.Rule);
        Assert.Empty(warning.Evidence);
        Assert.Equal("Talks with another agency", warning.Summary);
        Assert.Equal("Heard at the fair.", warning.Report);
        Assert.Equal(("staff-1", "Staff One"), (warning.RaisedById, warning.RaisedByName));
        Assert.Equal((Now, Now), (warning.RaisedAt, warning.UpdatedAt));
        Assert.Null(warning.EvidenceAt);
        Assert.False(warning.IsClosed);
        var filed = Assert.Single(warning.Events);
        Assert.Equal((WarningEventKind.Filed, "staff-1", "Staff One", Now, warning.Id), (filed.Kind, filed.ActorId, filed.ActorName, filed.At, filed.WarningId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_filed_warning_needs_a_summary(string? summary)
    {
        Assert.Equal("Warnings.SummaryRequired", Code(() => Warning.File(NewClient(), WarningFamily.Churn, summary, null, Staff, Now)));
    }

    [Fact]
    public void The_summary_may_be_200_characters_after_trimming_but_not_201()
    {
        var client = NewClient();

        var warning = Warning.File(client, WarningFamily.Churn, "  " + new string('s', 200) + "  ", null, Staff, Now);

        Assert.Equal(200, warning.Summary!.Length);
        Assert.Equal("Warnings.SummaryTooLong", Code(() => Warning.File(client, WarningFamily.Churn, new string('s', 201), null, Staff, Now)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void The_report_is_optional(string? report)
    {
        Assert.Null(Warning.File(NewClient(), WarningFamily.Churn, "summary", report, Staff, Now).Report);
    }

    [Fact]
    public void The_report_may_be_8000_characters_but_not_more()
    {
        var client = NewClient();

        Assert.Equal(8000, Warning.File(client, WarningFamily.Churn, "s", new string('r', 8000), Staff, Now).Report!.Length);
        Assert.Equal("Warnings.ReportTooLong", Code(() => Warning.File(client, WarningFamily.Churn, "s", new string('r', 8001), Staff, Now)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_filed_warning_needs_a_known_family(int family)
    {
        Assert.Equal("Warnings.FamilyRequired", Code(() => Warning.File(NewClient(), (WarningFamily)family, "summary", null, Staff, Now)));
    }

    [Theory]
    [MemberData(nameof(WarningRulesTests.SeverityTable), MemberType = typeof(WarningRulesTests))]
    public void A_filed_warning_takes_its_severity_from_its_family_and_the_client_grade(WarningFamily family, ClientGrade grade, WarningSeverity severity)
    {
        Assert.Equal(severity, Filed(grade, family).Severity);
    }

    // ---- Raised by a rule ----

    [Fact]
    public void A_raised_warning_carries_the_rule_family_and_evidence_of_the_finding_and_no_author()
    {
        var clientId = Guid.NewGuid();

        var warning = Warning.Raise(clientId, ClientGrade.C, Arrears, ArrearsSource, Now);

        Assert.Equal(clientId, warning.ClientId);
        Assert.Equal(WarningRule.WageArrears, warning.Rule);
        Assert.Equal(WarningFamily.Abnormal, warning.Family);
        Assert.Equal(WarningSeverity.High, warning.Severity);
        Assert.Equal(WarningState.Open, warning.State);
        Assert.True(WarningEvidence.Same(Arrears.Evidence, warning.Evidence));
        Assert.Null(warning.Summary);
        Assert.Null(warning.Report);
        Assert.Null(warning.RaisedById);
        Assert.Equal((Now, Now, Now), (warning.RaisedAt, warning.EvidenceAt, warning.UpdatedAt));
        var raised = Assert.Single(warning.Events);
        Assert.Equal((WarningEventKind.Raised, null, null), (raised.Kind, raised.ActorId, raised.ActorName));
        Assert.Equal(ArrearsSource, warning.Source);
        Assert.Equal((WarningSourceKind.Incident, ArrearsSource.ProjectId, ArrearsSource.RecordId),
            (warning.SourceKind!.Value, warning.SourceProjectId, warning.SourceRecordId));
    }

    [Fact]
    public void A_warning_filed_by_hand_has_no_source_and_a_raised_one_without_a_found_record_neither()
    {
        Assert.Null(Filed().Source);
        Assert.Null(Warning.Raise(Guid.NewGuid(), ClientGrade.C, Arrears, null, Now).Source);
    }

    [Theory]
    [InlineData(WarningRule.DemandDrop, ClientGrade.A, WarningSeverity.High)]
    [InlineData(WarningRule.DemandDrop, ClientGrade.B, WarningSeverity.Normal)]
    [InlineData(WarningRule.OperatingStatusDeclined, ClientGrade.C, WarningSeverity.Normal)]
    [InlineData(WarningRule.LaborDisputes, ClientGrade.C, WarningSeverity.High)]
    public void A_raised_warning_takes_its_severity_from_the_rule_family_and_the_grade(WarningRule rule, ClientGrade grade, WarningSeverity severity)
    {
        Assert.Equal(severity, Warning.Raise(Guid.NewGuid(), grade, new RuleFinding(rule, []), null, Now).Severity);
    }

    // ---- Who may review ----

    [Fact]
    public void Heads_and_leaders_review_staff_do_not()
    {
        Assert.True(Head.Reviews);
        Assert.True(Leader.Reviews);
        Assert.False(Staff.Reviews);
    }

    [Fact]
    public void Staff_may_not_acknowledge()
    {
        var warning = Filed();

        Assert.False(warning.May(WarningAction.Acknowledge, Staff, None));
        Assert.Equal("Warnings.ReviewersOnly", Code(() => warning.Acknowledge(Staff, "actions", Later)));
        Assert.Equal(WarningState.Open, warning.State);
    }

    [Fact]
    public void Staff_may_not_start_an_investigation()
    {
        var warning = Acknowledged();

        Assert.False(warning.May(WarningAction.Investigate, Staff, None));
        Assert.Equal("Warnings.ReviewersOnly", Code(() => warning.StartInvestigation(Staff, null, Later)));
        Assert.Equal(WarningState.Acknowledged, warning.State);
    }

    [Theory]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void Staff_may_not_resolve(WarningState state)
    {
        var warning = InState(state);

        Assert.False(warning.May(WarningAction.Resolve, Staff, None));
        Assert.Equal("Warnings.ReviewersOnly", Code(() => warning.Resolve(Staff, "cause", "measures", None, Later)));
        Assert.Equal(state, warning.State);
    }

    [Theory]
    [InlineData(WarningState.Open)]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void Staff_may_not_dismiss(WarningState state)
    {
        var warning = InState(state);

        Assert.False(warning.May(WarningAction.Dismiss, Staff, None));
        Assert.Equal("Warnings.ReviewersOnly", Code(() => warning.Dismiss(Staff, "reason", None, Later)));
        Assert.Equal(state, warning.State);
    }

    [Fact]
    public void Staff_are_refused_as_non_reviewers_even_in_a_state_where_the_step_is_not_possible()
    {
        var open = Filed();

        Assert.Equal("Warnings.ReviewersOnly", Code(() => open.StartInvestigation(Staff, null, Later)));
        Assert.Equal("Warnings.ReviewersOnly", Code(() => open.Resolve(Staff, "cause", "measures", None, Later)));
    }

    [Fact]
    public void A_leader_may_take_every_step()
    {
        var warning = Filed();

        warning.Acknowledge(Leader, "Call the owner", Now.AddHours(1));
        warning.StartInvestigation(Leader, "Asking the workers", Now.AddHours(2));
        warning.Resolve(Leader, "Late payment by the main contractor", "Paid through the escrow", None, Now.AddHours(3));

        Assert.Equal(WarningState.Resolved, warning.State);
        Assert.Equal([WarningEventKind.Acknowledged, WarningEventKind.InvestigationStarted, WarningEventKind.Resolved],
            warning.Events.Skip(1).Select(e => e.Kind));
        Assert.All(warning.Events.Skip(1), e => Assert.Equal("leader-1", e.ActorId));

        var other = Filed();
        other.Dismiss(Leader, "False alarm", None, Later);
        Assert.Equal(WarningState.Dismissed, other.State);
    }

    // ---- Acknowledge ----

    [Fact]
    public void The_head_acknowledges_an_open_warning_with_the_actions_to_take()
    {
        var warning = Filed();

        warning.Acknowledge(Head, "  Visit the client this week  ", Later);

        Assert.Equal(WarningState.Acknowledged, warning.State);
        Assert.Equal("Visit the client this week", warning.Actions);
        Assert.Equal(Later, warning.AcknowledgedAt);
        Assert.Equal(Later, warning.UpdatedAt);
        Assert.False(warning.IsClosed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Acknowledging_needs_actions(string? actions)
    {
        var warning = Filed();

        Assert.Equal("Warnings.ActionsRequired", Code(() => warning.Acknowledge(Head, actions, Later)));
        Assert.Equal(WarningState.Open, warning.State);
        Assert.Single(warning.Events);
    }

    [Fact]
    public void Actions_longer_than_8000_characters_are_refused()
    {
        Assert.Equal("Warnings.TextTooLong", Code(() => Filed().Acknowledge(Head, new string('a', 8001), Later)));
    }

    [Theory]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void Only_an_open_warning_can_be_acknowledged(WarningState state)
    {
        var warning = InState(state);

        Assert.False(warning.May(WarningAction.Acknowledge, Head, None));
        Assert.Equal("Warnings.WrongState", Code(() => warning.Acknowledge(Head, "again", Later)));
    }

    // ---- Investigate ----

    [Fact]
    public void An_investigation_starts_only_from_an_acknowledged_warning()
    {
        var warning = Acknowledged();

        Assert.True(warning.May(WarningAction.Investigate, Head, None));
        warning.StartInvestigation(Head, "  Talking to the workers  ", Later);

        Assert.Equal(WarningState.Investigating, warning.State);
        Assert.Equal("Talking to the workers", warning.Events.Last().Text);
    }

    [Theory]
    [InlineData(WarningState.Open)]
    [InlineData(WarningState.Investigating)]
    public void An_investigation_cannot_start_from_another_open_state(WarningState state)
    {
        var warning = InState(state);

        Assert.False(warning.May(WarningAction.Investigate, Head, None));
        Assert.Equal("Warnings.WrongState", Code(() => warning.StartInvestigation(Head, null, Later)));
        Assert.Equal(state, warning.State);
    }

    [Fact]
    public void The_note_when_starting_an_investigation_is_optional()
    {
        var warning = Acknowledged();

        warning.StartInvestigation(Head, "   ", Later);

        Assert.Null(warning.Events.Last().Text);
    }

    // ---- Resolve ----

    [Theory]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void An_acknowledged_or_investigated_warning_is_resolved_with_cause_and_measures(WarningState state)
    {
        var warning = InState(state);

        Assert.True(warning.May(WarningAction.Resolve, Head, None));
        warning.Resolve(Head, "  Late payment  ", "  Escrow account  ", None, Later);

        Assert.Equal(WarningState.Resolved, warning.State);
        Assert.Equal(("Late payment", "Escrow account"), (warning.Cause, warning.Measures));
        Assert.Equal(Later, warning.ClosedAt);
        Assert.True(warning.IsClosed);
    }

    [Fact]
    public void An_open_warning_cannot_be_resolved_before_it_is_acknowledged()
    {
        var warning = Filed();

        Assert.False(warning.May(WarningAction.Resolve, Head, None));
        Assert.Equal("Warnings.WrongState", Code(() => warning.Resolve(Head, "cause", "measures", None, Later)));
    }

    [Theory]
    [InlineData(null, "measures", "Warnings.CauseRequired")]
    [InlineData(" ", "measures", "Warnings.CauseRequired")]
    [InlineData("cause", null, "Warnings.MeasuresRequired")]
    [InlineData("cause", "", "Warnings.MeasuresRequired")]
    public void Resolving_needs_both_cause_and_measures(string? cause, string? measures, string code)
    {
        var warning = Investigating();

        Assert.Equal(code, Code(() => warning.Resolve(Head, cause, measures, None, Later)));
        Assert.Equal(WarningState.Investigating, warning.State);
        Assert.Null(warning.Cause);
        Assert.Null(warning.ClosedAt);
    }

    // ---- Dismiss ----

    [Theory]
    [InlineData(WarningState.Open)]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void Any_open_warning_can_be_dismissed_with_a_reason(WarningState state)
    {
        var warning = InState(state);

        Assert.True(warning.May(WarningAction.Dismiss, Head, None));
        warning.Dismiss(Head, "  Duplicate of the wage warning  ", None, Later);

        Assert.Equal(WarningState.Dismissed, warning.State);
        Assert.Equal("Duplicate of the wage warning", warning.DismissReason);
        Assert.Equal(Later, warning.ClosedAt);
        Assert.True(warning.IsClosed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Dismissing_needs_a_reason(string? reason)
    {
        var warning = Filed();

        Assert.Equal("Warnings.DismissReasonRequired", Code(() => warning.Dismiss(Head, reason, None, Later)));
        Assert.Equal(WarningState.Open, warning.State);
    }

    // ---- Closed ----

    [Theory]
    [InlineData(WarningState.Resolved)]
    [InlineData(WarningState.Dismissed)]
    public void Nothing_happens_to_a_closed_warning(WarningState state)
    {
        var warning = InState(state);
        var events = warning.Events.Count;

        Assert.False(warning.May(WarningAction.Acknowledge, Leader, None));
        Assert.False(warning.May(WarningAction.Investigate, Leader, None));
        Assert.False(warning.May(WarningAction.Resolve, Leader, None));
        Assert.False(warning.May(WarningAction.Dismiss, Leader, None));
        Assert.Equal("Warnings.Closed", Code(() => warning.Acknowledge(Leader, "actions", Later)));
        Assert.Equal("Warnings.Closed", Code(() => warning.StartInvestigation(Leader, null, Later)));
        Assert.Equal("Warnings.Closed", Code(() => warning.Resolve(Leader, "cause", "measures", None, Later)));
        Assert.Equal("Warnings.Closed", Code(() => warning.Dismiss(Leader, "reason", None, Later)));
        Assert.Equal("Warnings.Closed", Code(() => warning.WriteReport(Staff, "report", Later)));
        Assert.Equal("Warnings.Closed", Code(() => warning.Dismiss(Staff, "reason", None, Later)));
        Assert.Equal(state, warning.State);
        Assert.Equal(events, warning.Events.Count);
    }

    [Theory]
    [InlineData(WarningState.Resolved)]
    [InlineData(WarningState.Dismissed)]
    public void A_follow_up_note_may_still_be_added_to_a_closed_warning(WarningState state)
    {
        var warning = InState(state);
        var events = warning.Events.Count;

        warning.AddNote(Staff, "The employer paid the rest in December", Later);

        Assert.Equal(state, warning.State);
        Assert.Equal(events + 1, warning.Events.Count);
        var note = warning.Events.Last();
        Assert.Equal((WarningEventKind.NoteAdded, "The employer paid the rest in December"), (note.Kind, note.Text));
    }

    // ---- Report and notes ----

    [Theory]
    [InlineData(WarningState.Open)]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void Staff_may_write_the_report_and_add_notes_while_the_warning_is_open(WarningState state)
    {
        var warning = InState(state);

        warning.WriteReport(Staff, "  The employer lost its main contract.  ", Later);
        warning.AddNote(Staff, "  Called the site manager  ", Later.AddMinutes(5));

        Assert.Equal("The employer lost its main contract.", warning.Report);
        Assert.Equal(state, warning.State);
        var note = warning.Events.Last();
        Assert.Equal((WarningEventKind.NoteAdded, "staff-1", "Called the site manager"), (note.Kind, note.ActorId, note.Text));
        Assert.Equal(Later.AddMinutes(5), warning.UpdatedAt);
    }

    [Fact]
    public void Writing_the_report_again_replaces_it()
    {
        var warning = Filed();

        warning.WriteReport(Staff, "first", Later);
        warning.WriteReport(Head, "second", Later);

        Assert.Equal("second", warning.Report);
    }

    [Theory]
    [InlineData(null, "Warnings.ReportRequired")]
    [InlineData(" ", "Warnings.ReportRequired")]
    public void A_written_report_may_not_be_empty(string? report, string code)
    {
        Assert.Equal(code, Code(() => Filed().WriteReport(Staff, report, Later)));
    }

    [Fact]
    public void A_written_report_may_not_exceed_8000_characters()
    {
        Assert.Equal("Warnings.ReportTooLong", Code(() => Filed().WriteReport(Staff, new string('r', 8001), Later)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_note_may_not_be_empty(string? note)
    {
        Assert.Equal("Warnings.NoteRequired", Code(() => Filed().AddNote(Staff, note, Later)));
    }

    // ---- Timeline ----

    [Fact]
    public void Every_step_adds_one_line_with_actor_and_text_to_the_timeline()
    {
        var warning = Filed();
        var t = Now;

        void Step(Action act, WarningEventKind kind, WarningActor actor, string? text)
        {
            t = t.AddMinutes(10);
            var before = warning.Events.Count;
            act();
            Assert.Equal(before + 1, warning.Events.Count);
            var line = warning.Events.Last();
            Assert.Equal((kind, actor.UserId, actor.Name, text, t, warning.Id), (line.Kind, line.ActorId, line.ActorName, line.Text, line.At, line.WarningId));
        }

        Step(() => warning.WriteReport(Staff, "report", t), WarningEventKind.ReportWritten, Staff, null);
        Step(() => warning.AddNote(Staff, "note", t), WarningEventKind.NoteAdded, Staff, "note");
        Step(() => warning.Acknowledge(Head, "actions", t), WarningEventKind.Acknowledged, Head, "actions");
        Step(() => warning.StartInvestigation(Head, "looking", t), WarningEventKind.InvestigationStarted, Head, "looking");
        Step(() => warning.Resolve(Leader, "cause", "measures", None, t), WarningEventKind.Resolved, Leader, null);

        Assert.Equal(
            [
                WarningEventKind.Filed, WarningEventKind.ReportWritten, WarningEventKind.NoteAdded, WarningEventKind.Acknowledged,
                WarningEventKind.InvestigationStarted, WarningEventKind.Resolved,
            ],
            warning.Events.Select(e => e.Kind));

        var dismissed = Filed();
        dismissed.Dismiss(Head, "reason", None, Later);
        var last = dismissed.Events.Last();
        Assert.Equal((WarningEventKind.Dismissed, "head-1", "reason"), (last.Kind, last.ActorId, last.Text));
        Assert.Equal(2, dismissed.Events.Count);
    }

    [Fact]
    public void A_refused_step_adds_nothing_to_the_timeline()
    {
        var warning = Filed();

        Assert.Throws<DomainException>(() => warning.Acknowledge(Staff, "actions", Later));
        Assert.Throws<DomainException>(() => warning.Resolve(Head, "cause", "measures", None, Later));
        Assert.Throws<DomainException>(() => warning.Dismiss(Head, null, None, Later));

        Assert.Single(warning.Events);
        Assert.Equal(Now, warning.UpdatedAt);
    }

    // ---- A rule warning is closed only once its condition no longer holds (issue 10) ----

    private static Warning RaisedArrears(WarningState state = WarningState.Acknowledged)
    {
        var warning = Warning.Raise(Guid.NewGuid(), ClientGrade.C, Arrears, ArrearsSource, Now);
        if (state is WarningState.Acknowledged or WarningState.Investigating)
        {
            warning.Acknowledge(Head, "Meet the employer about the wages", Now);
        }

        if (state == WarningState.Investigating)
        {
            warning.StartInvestigation(Head, null, Now);
        }

        return warning;
    }

    [Theory]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void A_wage_arrears_warning_cannot_be_resolved_while_its_incident_is_still_open(WarningState state)
    {
        var warning = RaisedArrears(state);
        var events = warning.Events.Count;
        IReadOnlyList<RuleFinding> stillOpen = [Arrears];

        Assert.True(warning.StillHolds(stillOpen));
        Assert.False(warning.May(WarningAction.Resolve, Head, stillOpen));
        Assert.Equal("Warnings.ConditionHolds", Code(() => warning.Resolve(Head, "Employer short of cash", "Mediation agreed", stillOpen, Later)));

        Assert.Equal(state, warning.State);
        Assert.Null(warning.Cause);
        Assert.Null(warning.ClosedAt);
        Assert.Equal(events, warning.Events.Count);
    }

    [Theory]
    [InlineData(WarningState.Open)]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    public void A_rule_warning_cannot_be_dismissed_while_its_rule_holds_even_by_a_leader(WarningState state)
    {
        var warning = RaisedArrears(state);
        IReadOnlyList<RuleFinding> stillOpen = [Arrears];

        Assert.False(warning.May(WarningAction.Dismiss, Leader, stillOpen));
        Assert.Equal("Warnings.ConditionHolds", Code(() => warning.Dismiss(Leader, "False alarm", stillOpen, Later)));
        Assert.Equal(state, warning.State);
        Assert.Null(warning.DismissReason);
    }

    [Fact]
    public void Once_the_rule_no_longer_holds_the_warning_is_resolved_and_dismissed_as_usual_whatever_else_holds()
    {
        IReadOnlyList<RuleFinding> otherRule = [new RuleFinding(WarningRule.DemandDrop, [])];
        var resolved = RaisedArrears();
        var dismissed = RaisedArrears(WarningState.Open);

        Assert.False(resolved.StillHolds(otherRule));
        Assert.True(resolved.May(WarningAction.Resolve, Head, otherRule));
        resolved.Resolve(Head, "Employer short of cash", "Paid in full after mediation", otherRule, Later);
        dismissed.Dismiss(Head, "Incident was entered on the wrong client and has been corrected", None, Later);

        Assert.Equal((WarningState.Resolved, WarningState.Dismissed), (resolved.State, dismissed.State));
    }

    [Fact]
    public void A_warning_filed_by_hand_is_never_held_open_by_the_rules()
    {
        var warning = Warning.File(NewClient(), WarningFamily.Abnormal, "Tension on site", null, Staff, Now);
        warning.Acknowledge(Head, "Visit the site", Now);
        IReadOnlyList<RuleFinding> arrearsHold = [Arrears];

        Assert.False(warning.StillHolds(arrearsHold));
        Assert.True(warning.May(WarningAction.Resolve, Head, arrearsHold));
        warning.Resolve(Head, "Overtime dispute", "Overtime paid", arrearsHold, Later);
        Assert.Equal(WarningState.Resolved, warning.State);
    }

    [Fact]
    public void Reviewers_state_and_closing_are_refused_before_the_condition_is_looked_at()
    {
        IReadOnlyList<RuleFinding> stillOpen = [Arrears];

        Assert.Equal("Warnings.ReviewersOnly", Code(() => RaisedArrears().Resolve(Staff, "cause", "measures", stillOpen, Later)));
        Assert.Equal("Warnings.WrongState", Code(() => RaisedArrears(WarningState.Open).Resolve(Head, "cause", "measures", stillOpen, Later)));
        var closed = RaisedArrears();
        closed.Resolve(Head, "cause", "measures", None, Now);
        Assert.Equal("Warnings.Closed", Code(() => closed.Dismiss(Head, "reason", stillOpen, Later)));
    }

    [Theory]
    [InlineData(WarningRule.OperatingStatusDeclined, WarningSourceKind.CardChange, null)]
    [InlineData(WarningRule.DemandDrop, WarningSourceKind.Projects, null)]
    [InlineData(WarningRule.NoNewBatch, WarningSourceKind.Project, null)]
    [InlineData(WarningRule.WageArrears, WarningSourceKind.Incident, ClientCrm.Domain.Cooperation.IncidentType.WageArrears)]
    [InlineData(WarningRule.LaborDisputes, WarningSourceKind.Incident, ClientCrm.Domain.Cooperation.IncidentType.LaborDispute)]
    [InlineData(WarningRule.EarlyRepatriation, WarningSourceKind.Incident, ClientCrm.Domain.Cooperation.IncidentType.EarlyRepatriation)]
    public void Each_rule_points_back_to_the_kind_of_record_it_counts(WarningRule rule, WarningSourceKind kind,
        ClientCrm.Domain.Cooperation.IncidentType? incidents)
    {
        Assert.Equal(kind, WarningRules.SourceKindOf(rule));
        Assert.Equal(incidents, WarningRules.IncidentTypeOf(rule));
    }

    // ---- Escalation ----

    [Fact]
    public void An_open_warning_unacknowledged_for_exactly_the_given_days_is_due_for_escalation()
    {
        var now = Now.AddDays(3);

        Assert.True(Warning.IsDueForEscalation(WarningState.Open, Now, null, now, 3));
        Assert.True(Warning.IsDueForEscalation(WarningState.Open, Now.AddMinutes(-1), null, now, 3));
        Assert.False(Warning.IsDueForEscalation(WarningState.Open, Now.AddMinutes(1), null, now, 3));
        Assert.False(Warning.IsDueForEscalation(WarningState.Open, Now, null, now.AddMinutes(-1), 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void The_cutoff_is_exactly_the_given_days_before_now(int days)
    {
        var now = Now.AddDays(30);

        Assert.Equal(now.AddDays(-days), Warning.EscalationCutoff(now, days));
        Assert.True(Warning.IsDueForEscalation(WarningState.Open, now.AddDays(-days), null, now, days));
        Assert.False(Warning.IsDueForEscalation(WarningState.Open, now.AddDays(-days).AddMinutes(1), null, now, days));
    }

    [Theory]
    [InlineData(WarningState.Acknowledged)]
    [InlineData(WarningState.Investigating)]
    [InlineData(WarningState.Resolved)]
    [InlineData(WarningState.Dismissed)]
    public void A_warning_that_is_no_longer_open_is_never_due_for_escalation(WarningState state)
    {
        Assert.False(Warning.IsDueForEscalation(state, Now, null, Now.AddDays(365), 3));
    }

    [Fact]
    public void An_already_escalated_warning_is_never_due_again()
    {
        Assert.False(Warning.IsDueForEscalation(WarningState.Open, Now, Now.AddDays(3), Now.AddDays(365), 3));
    }

    [Fact]
    public void Open_acknowledged_and_investigating_are_the_open_states()
    {
        Assert.True(Warning.IsOpenState(WarningState.Open));
        Assert.True(Warning.IsOpenState(WarningState.Acknowledged));
        Assert.True(Warning.IsOpenState(WarningState.Investigating));
        Assert.False(Warning.IsOpenState(WarningState.Resolved));
        Assert.False(Warning.IsOpenState(WarningState.Dismissed));
    }
}
