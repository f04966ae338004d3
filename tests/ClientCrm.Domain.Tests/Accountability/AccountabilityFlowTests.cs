using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Tests.Evaluations;
using ClientCrm.Domain.Warnings;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.Accountability;

/// <summary>
/// The accountability case's table (<see cref="AccountabilityCase.Flow"/>), move by move, against SPEC §5.3 written out here
/// by hand: opened → report submitted (owner or head) → under review (leader) → decided (leader) or back to opened (leader) →
/// closed (head or leader); and the report's rules for each kind of cause.
/// </summary>
public sealed class AccountabilityFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly BusinessClock Clock = BusinessClock.For(TimeProvider.System, "Asia/Shanghai").At(Now);
    private static readonly AccountabilityPenalty Warning = AccountabilityPenalty.Create("警告", "Formal warning", 2, Now);

    public enum Role
    {
        Colleague,
        Owner,
        Head,
        Leader,
    }

    private static WorkflowActor Actor(Role role) => new($"{role}-id", $"{role} Name", role switch
    {
        Role.Owner => Parties.AnyoneInScope | Parties.Owner,
        Role.Head => Parties.AnyoneInScope | Parties.DepartmentHead,
        Role.Leader => Parties.AnyoneInScope | Parties.Leader,
        _ => Parties.AnyoneInScope,
    });

    private static readonly Dictionary<(AccountabilityState, AccountabilityAction), (Role[] Who, AccountabilityState To)> Legal = new()
    {
        [(AccountabilityState.Opened, AccountabilityAction.SubmitReport)] = ([Role.Owner, Role.Head], AccountabilityState.ReportSubmitted),
        [(AccountabilityState.ReportSubmitted, AccountabilityAction.TakeUp)] = ([Role.Leader], AccountabilityState.UnderReview),
        [(AccountabilityState.UnderReview, AccountabilityAction.Return)] = ([Role.Leader], AccountabilityState.Opened),
        [(AccountabilityState.UnderReview, AccountabilityAction.Decide)] = ([Role.Leader], AccountabilityState.Decided),
        [(AccountabilityState.Decided, AccountabilityAction.Close)] = ([Role.Head, Role.Leader], AccountabilityState.Closed),
    };

    public static TheoryData<AccountabilityState, AccountabilityAction, Role> EveryMove()
    {
        var data = new TheoryData<AccountabilityState, AccountabilityAction, Role>();
        foreach (var state in Enum.GetValues<AccountabilityState>())
        {
            foreach (var action in Enum.GetValues<AccountabilityAction>().Where(a => a != AccountabilityAction.Note))
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
    public void Each_move_is_allowed_exactly_for_the_roles_of_the_spec_and_leads_where_it_says(AccountabilityState state, AccountabilityAction action, Role role)
    {
        var c = InState(state);
        var legal = Legal.TryGetValue((state, action), out var move) && move.Who.Contains(role);

        Assert.Equal(legal, c.ActionsFor(Actor(role).Is).Contains(action));
        var taking = () => Take(c, action, Actor(role));
        if (legal)
        {
            taking();
            Assert.Equal(move.To, c.State);
        }
        else
        {
            Assert.StartsWith("Accountability.", Assert.Throws<DomainException>(taking).Code, StringComparison.Ordinal);
            Assert.Equal(state, c.State);
        }
    }

    [Theory]
    [InlineData(Role.Colleague, false)]
    [InlineData(Role.Owner, false)]
    [InlineData(Role.Head, true)]
    [InlineData(Role.Leader, true)]
    public void Only_a_head_or_a_leader_opens_a_case_by_hand_and_says_what_happened(Role role, bool may)
    {
        var opening = () => AccountabilityCase.OpenByHand(EvaluationFlowTests.NewClient(), Actor(role), "The client stopped all orders.", Clock, 10);
        if (may)
        {
            var c = opening();
            Assert.Equal((AccountabilityTrigger.Manual, AccountabilityState.Opened, $"{role}-id"), (c.Trigger, c.State, c.OpenedById));
            var opened = Assert.IsType<AccountabilityStepTaken>(Assert.Single(c.DomainEvents));
            Assert.Equal((Parties.DepartmentHead | Parties.Owner, $"{role}-id"), (opened.Tell, opened.ActorId));
            var blank = Assert.Throws<DomainException>(() => AccountabilityCase.OpenByHand(EvaluationFlowTests.NewClient(), Actor(role), " ", Clock, 10));
            Assert.Equal(("Accountability.IncidentRequired", "Incident"), (blank.Code, blank.Field));
        }
        else
        {
            Assert.Equal("Accountability.HeadsOrLeadersOpen", Assert.Throws<DomainException>(opening).Code);
        }
    }

    [Theory]
    [InlineData(WarningRule.DemandDrop, ClientGrade.A, true)]
    [InlineData(WarningRule.DemandDrop, ClientGrade.B, true)]
    [InlineData(WarningRule.DemandDrop, ClientGrade.C, false)]
    [InlineData(WarningRule.NoNewBatch, ClientGrade.A, false)]
    public void Only_the_demand_drop_warning_on_an_A_or_B_client_opens_a_case(WarningRule rule, ClientGrade grade, bool opens)
    {
        Assert.Equal(opens ? AccountabilityTrigger.DemandDropWarning : null, AccountabilityCase.TriggerFor(rule, grade));
    }

    [Fact]
    public void Only_turning_Terminated_opens_a_case_and_the_system_opens_it_in_nobodys_name()
    {
        Assert.Equal(AccountabilityTrigger.ClientTerminated, AccountabilityCase.TriggerFor(ClientStatus.Terminated));
        Assert.All(Enum.GetValues<ClientStatus>().Where(s => s != ClientStatus.Terminated), s => Assert.Null(AccountabilityCase.TriggerFor(s)));

        var warningId = Guid.NewGuid();
        var c = AccountabilityCase.OpenAutomatically(EvaluationFlowTests.NewClient(), AccountabilityTrigger.DemandDropWarning, warningId, Clock, 10);
        Assert.Equal((warningId, (string?)null), (c.WarningId, c.OpenedById));
        Assert.Equal("", Assert.IsType<AccountabilityStepTaken>(Assert.Single(c.DomainEvents)).ActorId);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            AccountabilityCase.OpenAutomatically(EvaluationFlowTests.NewClient(), AccountabilityTrigger.Manual, null, Clock, 10));
    }

    [Fact]
    public void The_report_is_due_the_given_days_after_the_company_date_not_the_servers()
    {
        // 17:30 UTC on 2 December is already 01:30 on 3 December in Shanghai: the ten days count from the 3rd.
        var lateEvening = BusinessClock.For(TimeProvider.System, "Asia/Shanghai").At(new DateTimeOffset(2026, 12, 2, 17, 30, 0, TimeSpan.Zero));
        var c = AccountabilityCase.OpenAutomatically(EvaluationFlowTests.NewClient(), AccountabilityTrigger.ClientTerminated, null, lateEvening, 10);

        Assert.Equal(new DateOnly(2026, 12, 13), c.ReportDueOn);
        Assert.False(c.IsReportOverdue(new DateOnly(2026, 12, 13)));
        Assert.True(c.IsReportOverdue(new DateOnly(2026, 12, 14)));
        Assert.True(AccountabilityCase.ReportOverdue(new DateOnly(2026, 12, 14)).Compile()(c));
    }

    [Fact]
    public void A_report_needs_the_course_of_events_the_causes_and_the_kind_of_cause()
    {
        var none = Report(AccountabilityCauseKind.None);
        Assert.Equal(("Accountability.CourseOfEventsRequired", "CourseOfEvents"), Refusal(none with { CourseOfEvents = " " }));
        Assert.Equal(("Accountability.CausesRequired", "Causes"), Refusal(none with { Causes = null }));
        Assert.Equal(("Accountability.CauseKindRequired", "CauseKind"), Refusal(none));
    }

    [Fact]
    public void A_market_factor_needs_a_countermeasure_with_its_owner_and_due_date_and_no_persons()
    {
        var market = Report(AccountabilityCauseKind.Market);
        Assert.Equal(("Accountability.CountermeasureRequired", "Countermeasures"), Refusal(market with { Countermeasures = [] }));
        Assert.Equal(("Accountability.CountermeasureOwnerRequired", "Countermeasures[1].OwnerName"),
            Refusal(market with { Countermeasures = [Measure(), Measure() with { OwnerName = "" }] }));
        Assert.Equal(("Accountability.CountermeasureDueRequired", "Countermeasures[0].DueOn"), Refusal(market with { Countermeasures = [Measure() with { DueOn = null }] }));
        Assert.Equal(("Accountability.CountermeasureActionRequired", "Countermeasures[0].Action"), Refusal(market with { Countermeasures = [Measure() with { Action = null }] }));
        Assert.Equal(("Accountability.PersonsNeedWorkError", "Persons"), Refusal(market with { Persons = [Person()] }));

        var c = InState(AccountabilityState.Opened);
        c.SubmitReport(Actor(Role.Head), market, Now);
        Assert.Equal(("Open a new market", "Wang Lei", 1), (c.Countermeasures.Single().Action, c.Countermeasures.Single().OwnerName, c.Countermeasures.Single().Position));
        Assert.Empty(c.Persons);
    }

    [Fact]
    public void A_work_error_needs_a_person_with_a_role_and_an_active_penalty_from_the_list()
    {
        var error = Report(AccountabilityCauseKind.WorkError);
        var retired = AccountabilityPenalty.Create("降级", "Demotion", 5, Now);
        retired.SetActive(false, Now);
        Assert.Equal(("Accountability.PersonRequired", "Persons"), Refusal(error with { Persons = [] }));
        Assert.Equal(("Accountability.PersonNameRequired", "Persons[0].Name"), Refusal(error with { Persons = [Person() with { Name = " " }] }));
        Assert.Equal(("Accountability.PersonRoleRequired", "Persons[0].Role"), Refusal(error with { Persons = [Person() with { Role = null }] }));
        Assert.Equal(("Accountability.PenaltyRequired", "Persons[0].Penalty"), Refusal(error with { Persons = [Person() with { Penalty = null }] }));
        Assert.Equal(("Accountability.PenaltyRequired", "Persons[0].Penalty"), Refusal(error with { Persons = [Person() with { Penalty = retired }] }));
        Assert.Equal(("Accountability.CountermeasuresNeedMarket", "Countermeasures"), Refusal(error with { Countermeasures = [Measure()] }));

        var c = InState(AccountabilityState.Opened);
        c.SubmitReport(Actor(Role.Owner), error, Now);
        Assert.Equal(("Li Ming", PersonConcernedRole.Party, "警告"), (c.Persons.Single().Name, c.Persons.Single().Role, c.Persons.Single().PenaltyName));
    }

    [Fact]
    public void Both_causes_need_both_kinds_of_rows_and_a_returned_report_is_replaced_and_due_again()
    {
        var both = Report(AccountabilityCauseKind.Market | AccountabilityCauseKind.WorkError);
        Assert.Equal("Accountability.CountermeasureRequired", Refusal(both with { Countermeasures = [] }).Code);
        Assert.Equal("Accountability.PersonRequired", Refusal(both with { Persons = [] }).Code);

        var c = InState(AccountabilityState.UnderReview);
        c.Return(Actor(Role.Leader), "Name the person responsible.", Clock.At(Now.AddDays(20)), 10);
        Assert.Equal((AccountabilityState.Opened, new DateOnly(2027, 1, 2)), (c.State, c.ReportDueOn));
        c.SubmitReport(Actor(Role.Head), both, Now.AddDays(21));
        Assert.Equal((1, 1), (c.Countermeasures.Count, c.Persons.Count));
        Assert.Equal(2, c.Events.Count(e => e.Kind == AccountabilityEventKind.ReportSubmitted));
    }

    [Fact]
    public void An_overdue_report_and_a_later_step_left_past_its_due_time_escalate_once_and_a_closed_case_never_does()
    {
        var opened = InState(AccountabilityState.Opened);
        var stepCutoff = Now.AddDays(1);
        Assert.False(AccountabilityCase.DueForEscalation(opened.ReportDueOn, stepCutoff).Compile()(opened));
        var due = AccountabilityCase.DueForEscalation(opened.ReportDueOn.AddDays(1), stepCutoff).Compile();
        Assert.True(due(opened));
        opened.Escalate(Now.AddDays(11));
        Assert.False(due(opened));
        Assert.Equal(1, opened.Events.Count(e => e.Kind == AccountabilityEventKind.Escalated));

        Assert.True(due(InState(AccountabilityState.UnderReview)));
        Assert.False(AccountabilityCase.DueForEscalation(opened.ReportDueOn, Now.AddDays(-1)).Compile()(InState(AccountabilityState.UnderReview)));
        Assert.False(AccountabilityCase.DueForEscalation(DateOnly.MaxValue, DateTimeOffset.MaxValue).Compile()(InState(AccountabilityState.Closed)));
    }

    [Fact]
    public void The_leaders_hear_of_a_report_and_the_department_of_a_return_or_a_decision()
    {
        var c = InState(AccountabilityState.Opened);
        c.ClearDomainEvents();
        c.SubmitReport(Actor(Role.Head), Report(AccountabilityCauseKind.Market), Now);
        c.TakeUp(Actor(Role.Leader), Now);
        c.Decide(Actor(Role.Leader), "Carry out the countermeasures.", Now);

        var tells = c.DomainEvents.Cast<AccountabilityStepTaken>().Select(e => (e.Action, e.Tell)).ToList();
        Assert.Equal([(AccountabilityAction.SubmitReport, Parties.Leader), (AccountabilityAction.TakeUp, Parties.None),
            (AccountabilityAction.Decide, Parties.DepartmentHead | Parties.Owner)], tells);
        Assert.Equal(("Carry out the countermeasures.", "Leader Name"), (c.LeaderDecision, c.DecidedByName));
    }

    private static (string Code, string? Field) Refusal(AccountabilityReport report)
    {
        var e = Assert.Throws<DomainException>(() => InState(AccountabilityState.Opened).SubmitReport(Actor(Role.Head), report, Now));
        return (e.Code, e.Field);
    }

    private static CountermeasureDraft Measure() => new("Open a new market", "Wang Lei", new DateOnly(2027, 1, 31));

    private static PersonConcernedDraft Person() => new("Li Ming", PersonConcernedRole.Party, Warning);

    private static AccountabilityReport Report(AccountabilityCauseKind kind) => new("Orders fell by half since June.", "A competitor undercut us.", kind,
        kind.HasFlag(AccountabilityCauseKind.Market) ? [Measure()] : [], kind.HasFlag(AccountabilityCauseKind.WorkError) ? [Person()] : []);

    private static void Take(AccountabilityCase c, AccountabilityAction action, WorkflowActor who)
    {
        switch (action)
        {
            case AccountabilityAction.SubmitReport:
                c.SubmitReport(who, Report(AccountabilityCauseKind.Market), Now);
                break;
            case AccountabilityAction.TakeUp:
                c.TakeUp(who, Now);
                break;
            case AccountabilityAction.Return:
                c.Return(who, "More detail.", Clock, 10);
                break;
            case AccountabilityAction.Decide:
                c.Decide(who, "Agreed.", Now);
                break;
            case AccountabilityAction.Close:
                c.Close(who, null, Now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    internal static AccountabilityCase InState(AccountabilityState state)
    {
        var c = AccountabilityCase.OpenAutomatically(EvaluationFlowTests.NewClient(), AccountabilityTrigger.DemandDropWarning, Guid.NewGuid(), Clock, 10);
        var order = new[] { AccountabilityAction.SubmitReport, AccountabilityAction.TakeUp, AccountabilityAction.Decide, AccountabilityAction.Close };
        var who = new[] { Role.Head, Role.Leader, Role.Leader, Role.Head };
        for (var i = 0; i < (int)state - 1; i++)
        {
            Take(c, order[i], Actor(who[i]));
        }

        return c;
    }
}
