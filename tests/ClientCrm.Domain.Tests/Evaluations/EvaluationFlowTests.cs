using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.Evaluations;

/// <summary>
/// The new-client evaluation's table (<see cref="ClientEvaluation.Flow"/>), move by move: every action in every state for
/// every role, the ones allowed (written out here by hand, from SPEC §5.2) and the refusal of the others, on the table and
/// on an evaluation taking the step.
/// </summary>
public sealed class EvaluationFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    public enum Role
    {
        /// <summary>Sees the client (a colleague in the department as head's scope shows it), but is not its owner.</summary>
        Colleague,
        Owner,
        Head,
        Leader,
    }

    private static Parties PartiesOf(Role role) => role switch
    {
        Role.Owner => Parties.AnyoneInScope | Parties.Owner,
        Role.Head => Parties.AnyoneInScope | Parties.DepartmentHead,
        Role.Leader => Parties.AnyoneInScope | Parties.Leader,
        _ => Parties.AnyoneInScope,
    };

    private static WorkflowActor Actor(Role role) => new($"{role}-id", $"{role} Name", PartiesOf(role));

    private static readonly Dictionary<(EvaluationState, EvaluationAction), (Role[] Who, EvaluationState To)> Legal = new()
    {
        [(EvaluationState.Draft, EvaluationAction.Edit)] = ([Role.Owner, Role.Head], EvaluationState.Draft),
        [(EvaluationState.Draft, EvaluationAction.Submit)] = ([Role.Owner, Role.Head], EvaluationState.Submitted),
        [(EvaluationState.Submitted, EvaluationAction.Return)] = ([Role.Head], EvaluationState.Draft),
        [(EvaluationState.Submitted, EvaluationAction.Review)] = ([Role.Head], EvaluationState.Reviewed),
        [(EvaluationState.Reviewed, EvaluationAction.Approve)] = ([Role.Leader], EvaluationState.Approved),
        [(EvaluationState.Reviewed, EvaluationAction.Reject)] = ([Role.Leader], EvaluationState.Rejected),
    };

    public static TheoryData<EvaluationState, EvaluationAction, Role> EveryMove()
    {
        var data = new TheoryData<EvaluationState, EvaluationAction, Role>();
        foreach (var state in Enum.GetValues<EvaluationState>())
        {
            foreach (var action in Enum.GetValues<EvaluationAction>().Where(a => a != EvaluationAction.Note))
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
    public void Each_move_is_allowed_exactly_for_the_roles_of_the_spec_and_leads_where_it_says(EvaluationState state, EvaluationAction action, Role role)
    {
        var evaluation = InState(state);
        var legal = Legal.TryGetValue((state, action), out var move) && move.Who.Contains(role);

        Assert.Equal(legal, ClientEvaluation.Flow.May(state, action, PartiesOf(role)));
        Assert.Equal(legal, evaluation.ActionsFor(PartiesOf(role)).Contains(action));
        var taking = () => Take(evaluation, action, Actor(role));
        if (legal)
        {
            taking();
            Assert.Equal(move.To, evaluation.State);
        }
        else
        {
            var refusal = Assert.Throws<DomainException>(taking);
            Assert.StartsWith("Evaluations.", refusal.Code, StringComparison.Ordinal);
            Assert.Equal(state, evaluation.State);
        }
    }

    [Fact]
    public void A_note_is_for_anyone_who_sees_the_evaluation_in_every_state()
    {
        foreach (var state in Enum.GetValues<EvaluationState>())
        {
            var evaluation = InState(state);
            evaluation.AddNote(Actor(Role.Colleague), "called the embassy", Now.AddDays(1));
            Assert.Equal((state, EvaluationEventKind.NoteAdded), (evaluation.State, evaluation.Events.Last().Kind));
        }
    }

    [Fact]
    public void Submitting_names_the_first_missing_section_and_leaves_the_draft_as_it_was()
    {
        var evaluation = ClientEvaluation.Start(NewClient(), Actor(Role.Owner), Now);
        evaluation.Edit(Complete() with { ApplicablePolicies = "  ", Risk = null }, Actor(Role.Owner), Now);

        var refusal = Assert.Throws<DomainException>(() => evaluation.Submit(Actor(Role.Owner), Now));

        Assert.Equal(("Evaluations.ApplicablePoliciesRequired", nameof(ClientEvaluation.ApplicablePolicies)), (refusal.Code, refusal.Field));
        Assert.Equal(EvaluationState.Draft, evaluation.State);
        Assert.Empty(evaluation.DomainEvents);
    }

    [Fact]
    public void A_decision_needs_the_minutes_and_who_took_part_and_keeps_both_with_the_decider()
    {
        var evaluation = InState(EvaluationState.Reviewed);

        var noMinutes = Assert.Throws<DomainException>(() => evaluation.Decide(true, Actor(Role.Leader), " ", "Li, Zhang", Now.AddDays(3)));
        var noParticipants = Assert.Throws<DomainException>(() => evaluation.Decide(true, Actor(Role.Leader), "Discussed.", null, Now.AddDays(3)));
        evaluation.Decide(true, Actor(Role.Leader), "Discussed; approved.", " Li, Zhang ", Now.AddDays(3));

        Assert.Equal(("Evaluations.DecisionMinutesRequired", "DecisionMinutes"), (noMinutes.Code, noMinutes.Field));
        Assert.Equal(("Evaluations.ParticipantsRequired", "DecisionParticipants"), (noParticipants.Code, noParticipants.Field));
        Assert.Equal((EvaluationState.Approved, "Discussed; approved.", "Li, Zhang", "Leader Name"),
            (evaluation.State, evaluation.DecisionMinutes, evaluation.DecisionParticipants, evaluation.DecidedByName));
    }

    [Fact]
    public void Each_step_tells_the_next_actor_and_never_only_the_one_who_acted()
    {
        var evaluation = ClientEvaluation.Start(NewClient(), Actor(Role.Owner), Now);
        evaluation.Edit(Complete(), Actor(Role.Owner), Now);
        evaluation.Submit(Actor(Role.Owner), Now.AddHours(1));
        evaluation.Review(Actor(Role.Head), "Fine.", Now.AddHours(2));
        evaluation.Decide(false, Actor(Role.Leader), "Not now.", "Li", Now.AddHours(3));

        var told = evaluation.DomainEvents.OfType<EvaluationStepTaken>().Select(e => (e.Action, e.Tell, e.ActorId)).ToList();
        Assert.Equal(
            [
                (EvaluationAction.Submit, Parties.DepartmentHead, "Owner-id"),
                (EvaluationAction.Review, Parties.Leader, "Head-id"),
                (EvaluationAction.Reject, Parties.Owner | Parties.DepartmentHead, "Leader-id"),
            ], told);
    }

    [Fact]
    public void A_rejected_round_is_revised_as_a_new_round_with_its_sections_and_the_old_round_keeps_its_decision()
    {
        var rejected = InState(EvaluationState.Rejected);

        var next = ClientEvaluation.Revise(rejected, Actor(Role.Owner), Now.AddDays(5));

        Assert.Equal((2, rejected.Id, EvaluationState.Draft, rejected.CreditStanding), (next.Round, next.RevisesId, next.State, next.CreditStanding));
        Assert.Equal(EvaluationState.Rejected, rejected.State);
        Assert.Equal(EvaluationEventKind.Revised, Assert.Single(next.Events).Kind);
        Assert.Throws<DomainException>(() => ClientEvaluation.Revise(InState(EvaluationState.Submitted), Actor(Role.Owner), Now));
        Assert.Throws<DomainException>(() => ClientEvaluation.Revise(rejected, Actor(Role.Colleague), Now));
    }

    [Fact]
    public void A_step_waiting_past_its_due_time_escalates_once_and_the_next_step_starts_its_clock_again()
    {
        var evaluation = InState(EvaluationState.Submitted);
        var cutoff = Now.AddDays(1);
        var due = ClientEvaluation.DueForEscalation(cutoff).Compile();

        Assert.True(due(evaluation));
        evaluation.Escalate(Now.AddDays(4));
        Assert.False(due(evaluation));
        evaluation.Escalate(Now.AddDays(5));
        Assert.Single(evaluation.Events, e => e.Kind == EvaluationEventKind.Escalated);

        evaluation.Review(Actor(Role.Head), "Late, but fine.", Now.AddDays(6));
        Assert.Null(evaluation.EscalatedAt);
        Assert.False(ClientEvaluation.DueForEscalation(Now.AddDays(5)).Compile()(evaluation));
        Assert.True(ClientEvaluation.DueForEscalation(Now.AddDays(9)).Compile()(evaluation));
        Assert.False(ClientEvaluation.DueForEscalation(Now.AddDays(99)).Compile()(InState(EvaluationState.Draft)));
    }

    private static void Take(ClientEvaluation e, EvaluationAction action, WorkflowActor who)
    {
        switch (action)
        {
            case EvaluationAction.Edit:
                e.Edit(Complete(), who, Now.AddDays(1));
                break;
            case EvaluationAction.Submit:
                e.Submit(who, Now.AddDays(1));
                break;
            case EvaluationAction.Return:
                e.Return(who, "Add the bank reference.", Now.AddDays(1));
                break;
            case EvaluationAction.Review:
                e.Review(who, "Sound.", Now.AddDays(1));
                break;
            case EvaluationAction.Approve or EvaluationAction.Reject:
                e.Decide(action == EvaluationAction.Approve, who, "Discussed.", "Li, Zhang", Now.AddDays(1));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    internal static ClientEvaluation InState(EvaluationState state)
    {
        var e = ClientEvaluation.Start(NewClient(), Actor(Role.Owner), Now);
        e.Edit(Complete(), Actor(Role.Owner), Now);
        if (state == EvaluationState.Draft)
        {
            return e;
        }

        e.Submit(Actor(Role.Owner), Now);
        if (state == EvaluationState.Submitted)
        {
            return e;
        }

        e.Review(Actor(Role.Head), "Sound.", Now);
        if (state != EvaluationState.Reviewed)
        {
            e.Decide(state == EvaluationState.Approved, Actor(Role.Leader), "Discussed.", "Li", Now);
        }

        return e;
    }

    internal static Client NewClient() =>
        Client.Register(ClientTests.Card(), null, "Owner-id", 1, Grading.GradingThresholds.Default, TestClock.At(Now.AddDays(-30)));

    private static EvaluationSections Complete() => new()
    {
        CreditStanding = "Licensed; bank reference seen.", ProjectFeasibility = "40 welders; we can recruit them.",
        ApplicablePolicies = "UAE labor law; Decree 620.", DevelopmentCostCny = 30_000m, Risk = RiskLevel.Low,
        RiskReasons = "Stable employer.", Recommendation = "Go ahead.",
    };
}
