using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Tests.Evaluations;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.ContractReviews;

/// <summary>
/// The contract review's table (<see cref="ContractReview.Flow"/>), move by move, against the flow written out here by hand:
/// draft (owner or head) → submitted → opinions (owner, head, a leader for A clients) → passed / passed with conditions /
/// rejected (head; a leader for A clients) → the project initiated with its number.
/// </summary>
public sealed class ContractReviewFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 3);

    public enum Role
    {
        Colleague,
        Owner,
        Head,
        Leader,
    }

    internal static WorkflowActor Actor(Role role, string? id = null) => new(id ?? $"{role}-id", $"{role} Name", role switch
    {
        Role.Owner => Parties.AnyoneInScope | Parties.Owner,
        Role.Head => Parties.AnyoneInScope | Parties.DepartmentHead,
        Role.Leader => Parties.AnyoneInScope | Parties.Leader,
        _ => Parties.AnyoneInScope,
    });

    private static readonly IReadOnlyList<ContractReviewCheckOutcome> AllPass = [new("ProjectTerms", true, null)];

    private static readonly Dictionary<(ContractReviewState, ContractReviewAction), (Role[] Who, ContractReviewState To)> Legal = new()
    {
        [(ContractReviewState.Draft, ContractReviewAction.Edit)] = ([Role.Owner, Role.Head], ContractReviewState.Draft),
        [(ContractReviewState.Draft, ContractReviewAction.Submit)] = ([Role.Owner, Role.Head], ContractReviewState.Submitted),
        [(ContractReviewState.Submitted, ContractReviewAction.Opinion)] = ([Role.Owner, Role.Head, Role.Leader], ContractReviewState.Submitted),
        [(ContractReviewState.Submitted, ContractReviewAction.Return)] = ([Role.Head, Role.Leader], ContractReviewState.Draft),
        [(ContractReviewState.Submitted, ContractReviewAction.Pass)] = ([Role.Head, Role.Leader], ContractReviewState.Passed),
        [(ContractReviewState.Submitted, ContractReviewAction.PassWithConditions)] = ([Role.Head, Role.Leader], ContractReviewState.PassedWithConditions),
        [(ContractReviewState.Submitted, ContractReviewAction.Reject)] = ([Role.Head, Role.Leader], ContractReviewState.Rejected),
    };

    public static TheoryData<ContractReviewState, ContractReviewAction, Role> EveryMove()
    {
        var data = new TheoryData<ContractReviewState, ContractReviewAction, Role>();
        foreach (var state in Enum.GetValues<ContractReviewState>())
        {
            foreach (var action in Enum.GetValues<ContractReviewAction>().Where(a => a != ContractReviewAction.Note))
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
    public void Each_move_of_a_B_or_C_client_is_allowed_exactly_for_the_roles_of_the_flow_and_leads_where_it_says(ContractReviewState state,
        ContractReviewAction action, Role role)
    {
        var (review, project) = InState(state, ClientGrade.B);
        var legal = Legal.TryGetValue((state, action), out var move) && move.Who.Contains(role);

        Assert.Equal(legal, review.ActionsFor(Actor(role)).Contains(action));
        var taking = () => Take(review, project, action, Actor(role));
        if (legal)
        {
            taking();
            Assert.Equal(move.To, review.State);
        }
        else
        {
            Assert.StartsWith("ContractReviews.", Assert.Throws<DomainException>(taking).Code, StringComparison.Ordinal);
            Assert.Equal(state, review.State);
        }
    }

    [Theory]
    [InlineData(ContractReviewAction.Pass)]
    [InlineData(ContractReviewAction.PassWithConditions)]
    [InlineData(ContractReviewAction.Reject)]
    public void A_leader_and_not_the_head_records_the_result_of_an_A_clients_review(ContractReviewAction action)
    {
        var (review, project) = InState(ContractReviewState.Submitted, ClientGrade.A);

        Assert.DoesNotContain(action, review.ActionsFor(Actor(Role.Head)));
        Assert.Equal("ContractReviews.LeadersDecideA", Assert.Throws<DomainException>(() => Take(review, project, action, Actor(Role.Head))).Code);
        Assert.Contains(action, review.ActionsFor(Actor(Role.Leader)));
        Take(review, project, action, Actor(Role.Leader));
        Assert.True(Flow.IsFinal(review.State));
    }

    [Fact]
    public void The_reviewers_are_the_owner_and_the_head_and_a_leader_for_an_A_client()
    {
        var (b, _) = InState(ContractReviewState.Submitted, ClientGrade.B, opinions: false);
        var (a, _) = InState(ContractReviewState.Submitted, ClientGrade.A, opinions: false);

        Assert.Equal(Parties.Owner | Parties.DepartmentHead, b.MissingSeats);
        Assert.Equal(Parties.Owner | Parties.DepartmentHead | Parties.Leader, a.MissingSeats);
        Assert.Equal(Parties.DepartmentHead, b.Decider);
        Assert.Equal(Parties.Leader, a.Decider);
    }

    [Fact]
    public void A_pass_waits_for_every_required_opinion_and_the_last_one_tells_the_decider()
    {
        var (review, project) = InState(ContractReviewState.Submitted, ClientGrade.A, opinions: false);
        review.GiveOpinion(Actor(Role.Owner, "o"), OpinionVerdict.Agree, "We can.", Now);
        review.GiveOpinion(Actor(Role.Head, "h"), OpinionVerdict.AgreeWithConditions, "If training starts in January.", Now);
        review.ClearDomainEvents();

        var early = Assert.Throws<DomainException>(() => review.Pass(false, Actor(Role.Leader), null, AllPass, project, ProjectNumberCounter.For(2026), Now));
        Assert.Equal(("ContractReviews.OpinionsMissing", "Opinions"), (early.Code, early.Field));
        Assert.Null(project.ProjectNumber);

        review.GiveOpinion(Actor(Role.Leader, "l"), OpinionVerdict.Agree, "Go ahead.", Now);
        var told = Assert.IsType<ContractReviewStepTaken>(Assert.Single(review.DomainEvents));
        Assert.Equal((ContractReviewAction.Opinion, Parties.Leader), (told.Action, told.Tell));
        Assert.Equal(Parties.None, review.MissingSeats);
    }

    [Fact]
    public void A_person_gives_one_opinion_per_submission_with_a_verdict_and_reasons()
    {
        var (review, _) = InState(ContractReviewState.Submitted, ClientGrade.C, opinions: false);
        var noVerdict = Assert.Throws<DomainException>(() => review.GiveOpinion(Actor(Role.Owner), null, "Fine.", Now));
        var noText = Assert.Throws<DomainException>(() => review.GiveOpinion(Actor(Role.Owner), OpinionVerdict.Agree, " ", Now));
        review.GiveOpinion(Actor(Role.Owner), OpinionVerdict.Disagree, "Too few welders in our pool.", Now);
        var twice = Assert.Throws<DomainException>(() => review.GiveOpinion(Actor(Role.Owner), OpinionVerdict.Agree, "Changed my mind.", Now));

        Assert.Equal(("ContractReviews.VerdictRequired", "Verdict"), (noVerdict.Code, noVerdict.Field));
        Assert.Equal(("ContractReviews.OpinionTextRequired", "OpinionText"), (noText.Code, noText.Field));
        Assert.Equal("ContractReviews.OpinionGiven", twice.Code);
        Assert.DoesNotContain(ContractReviewAction.Opinion, review.ActionsFor(Actor(Role.Owner)));
        Assert.Equal(Parties.DepartmentHead, review.MissingSeats);
    }

    [Fact]
    public void A_failing_check_refuses_the_pass_and_names_itself_but_a_rejection_goes_through()
    {
        var (review, project) = InState(ContractReviewState.Submitted, ClientGrade.C);
        IReadOnlyList<ContractReviewCheckOutcome> failing = [new("ProjectTerms", true, null), new("ClientGate", false, "not active")];

        var refusal = Assert.Throws<DomainException>(() => review.Pass(false, Actor(Role.Head), null, failing, project, ProjectNumberCounter.For(2026), Now));

        Assert.Equal(("ContractReviews.CheckFailing", "Checks"), (refusal.Code, refusal.Field));
        Assert.Contains("ClientGate", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ContractReviewState.Submitted, review.State);
        Assert.False(project.IsInitiated);
        review.Reject(Actor(Role.Head), "The client is paused.", Now);
        Assert.Equal(ContractReviewState.Rejected, review.State);
        Assert.False(project.IsInitiated);
    }

    [Fact]
    public void The_checks_read_the_projects_terms_and_the_business_gate()
    {
        var complete = new ContractReviewFacts(ClientStatus.Active, [], "welder", 10, "AE", new());
        var checks = new IContractReviewCheck[] { new ProjectTermsCheck(), new ClientGateCheck() };

        Assert.All(ContractReviewChecks.Run(checks, complete), c => Assert.True(c.Passed));
        var outcomes = ContractReviewChecks.Run(checks, complete with { ProjectJobTypes = " ", ClientStatus = ClientStatus.Paused, GateMissing = [GateCondition.ClientActive] });
        Assert.Equal([("ProjectTerms", false), ("ClientGate", false)], outcomes.Select(o => (o.Code, o.Passed)));
        Assert.False(new ProjectTermsCheck().Check(complete with { ProjectWorkersRequested = 0 }).Passed);
        Assert.False(new ClientGateCheck().Check(complete with { GateMissing = [GateCondition.EvaluationApproved] }).Passed);
    }

    [Fact]
    public void Passing_initiates_the_project_with_the_next_number_of_the_year_and_then_it_may_recruit()
    {
        var numbers = ProjectNumberCounter.For(2026);
        var (first, firstProject) = InState(ContractReviewState.Submitted, ClientGrade.C);
        var (second, secondProject) = InState(ContractReviewState.Submitted, ClientGrade.C);
        var recruiting = Signed(firstProject);
        Assert.Equal(("Project.NotInitiated", "Status"), Refusal(() => firstProject.Revise(recruiting, null, Today, Now)));

        first.Pass(false, Actor(Role.Head), null, AllPass, firstProject, numbers, Now);
        second.Pass(true, Actor(Role.Leader), "Training before departure.", AllPass, secondProject, numbers, Now);

        Assert.Equal(("LX-2026-0001", Now), (firstProject.ProjectNumber, firstProject.InitiatedAt));
        Assert.Equal("LX-2026-0002", secondProject.ProjectNumber);
        Assert.Equal((ContractReviewState.PassedWithConditions, "Training before departure."), (second.State, second.DecisionText));
        Assert.Contains(firstProject.DomainEvents, e => e is ProjectInitiated { ProjectNumber: "LX-2026-0001" });
        firstProject.Revise(recruiting, null, Today, Now);
        Assert.Equal(ProjectStatus.Recruiting, firstProject.Status);
        Assert.Equal("ContractReviews.AlreadyInitiated", Assert.Throws<DomainException>(() => ContractReview.Start(firstProject, ClientGrade.C, Actor(Role.Owner), Now)).Code);
    }

    [Fact]
    public void Conditions_are_required_for_a_pass_with_conditions_and_reasons_for_a_rejection()
    {
        var (review, project) = InState(ContractReviewState.Submitted, ClientGrade.C);

        Assert.Equal(("ContractReviews.ConditionsRequired", "Conditions"),
            Refusal(() => review.Pass(true, Actor(Role.Head), " ", AllPass, project, ProjectNumberCounter.For(2026), Now)));
        Assert.Equal(("ContractReviews.RejectReasonRequired", "RejectReason"), Refusal(() => review.Reject(Actor(Role.Head), null, Now)));
    }

    [Fact]
    public void A_new_project_cannot_start_contracted_and_a_draft_is_prefilled_from_its_terms()
    {
        var client = EvaluationFlowTests.NewClient();
        Activate(client);
        Assert.Equal(("Project.NotInitiated", "Status"),
            Refusal(() => CooperationProject.Open(client, Signed(null), null, Today, Now)));

        var project = NewProject();
        var review = ContractReview.Start(project, ClientGrade.C, Actor(Role.Owner), Now);

        Assert.Equal(("welder, fitter", 12), (review.JobTypes, review.Headcount));
        Assert.Contains("8000", review.Pay, StringComparison.Ordinal);
        Assert.Equal("ContractReviews.NotAllowed", Assert.Throws<DomainException>(() => ContractReview.Start(project, ClientGrade.C, Actor(Role.Colleague), Now)).Code);
    }

    [Fact]
    public void Submitting_needs_every_section_and_a_rejected_review_is_revised_as_a_new_round_with_its_sections()
    {
        var project = NewProject();
        var review = ContractReview.Start(project, ClientGrade.C, Actor(Role.Owner), Now);
        Assert.Equal(("ContractReviews.QualificationsRequired", "Qualifications"), Refusal(() => review.Submit(Actor(Role.Owner), ClientGrade.C, Now)));

        var (rejected, rejectedProject) = InState(ContractReviewState.Rejected, ClientGrade.C);
        var next = ContractReview.Revise(rejected, rejectedProject, ClientGrade.C, Actor(Role.Owner), Now.AddDays(1));

        Assert.Equal((2, rejected.Id, ContractReviewState.Draft), (next.Round, next.RevisesId, next.State));
        Assert.Equal(rejected.Sections, next.Sections);
        Assert.Equal("ContractReviews.ReviseOnlyRejected",
            Assert.Throws<DomainException>(() => ContractReview.Revise(next, rejectedProject, ClientGrade.C, Actor(Role.Owner), Now)).Code);
    }

    [Fact]
    public void A_return_starts_a_new_submission_whose_opinions_are_collected_again()
    {
        var (review, _) = InState(ContractReviewState.Submitted, ClientGrade.C);
        Assert.Equal(Parties.None, review.MissingSeats);

        review.Return(Actor(Role.Head), "Say where the welders come from.", Now);
        review.Submit(Actor(Role.Owner), ClientGrade.A, Now.AddHours(1));

        Assert.Equal((2, true), (review.Submission, review.LeaderRequired));
        Assert.Equal(Parties.Owner | Parties.DepartmentHead | Parties.Leader, review.MissingSeats);
        Assert.Equal(2, review.Opinions.Count(o => o.Submission == 1));
    }

    [Fact]
    public void A_submitted_review_left_past_its_due_time_escalates_once_and_a_draft_or_a_decided_one_never_does()
    {
        var (review, _) = InState(ContractReviewState.Submitted, ClientGrade.C);
        var due = ContractReview.DueForEscalation(Now.AddDays(1)).Compile();

        Assert.True(due(review));
        review.Escalate(Now.AddDays(4));
        Assert.False(due(review));
        Assert.False(ContractReview.DueForEscalation(Now.AddDays(99)).Compile()(InState(ContractReviewState.Draft, ClientGrade.C).Review));
        Assert.False(ContractReview.DueForEscalation(Now.AddDays(99)).Compile()(InState(ContractReviewState.Passed, ClientGrade.C).Review));
    }

    private static WorkflowTable<ContractReviewState, ContractReviewAction> Flow => ContractReview.Flow;

    private static (string Code, string? Field) Refusal(Action action)
    {
        var refusal = Assert.Throws<DomainException>(action);
        return (refusal.Code, refusal.Field);
    }

    internal static ContractReviewSections Complete() => new()
    {
        JobTypes = "welder, fitter", Headcount = 12, Qualifications = "6G certificate, 3 years", Schedule = "Trade test in January, departure in March",
        Pay = "USD 8000 a month, board and lodging", RecruitmentSources = "Our Jiangsu training centre", Training = "Two weeks of safety training",
        Timeline = "We can meet March.",
    };

    private static void Activate(Client client)
    {
        client.ChangeStatus(ClientStatus.UnderEvaluation, true, Now);
        client.ChangeStatus(ClientStatus.Active, true, Now, "approved");
    }

    private static ProjectTerms Signed(CooperationProject? project) => new()
    {
        Name = project?.Name ?? "Welders", JobTypes = "welder, fitter", WorkCountryCode = "AE", WorkersRequested = 12,
        ContractSignedOn = Today.AddDays(-3), Status = ProjectStatus.Recruiting,
    };

    internal static CooperationProject NewProject()
    {
        var client = EvaluationFlowTests.NewClient();
        Activate(client);
        return CooperationProject.Open(client, new ProjectTerms
        {
            Name = "Welders", JobTypes = "welder, fitter", WorkCountryCode = "AE", WorkersRequested = 12, WageAmount = 8000m, WageCurrency = "USD",
            Status = ProjectStatus.ContractReview,
        }, null, Today, Now);
    }

    private static (ContractReview Review, CooperationProject Project) InState(ContractReviewState state, ClientGrade grade, bool opinions = true)
    {
        var project = NewProject();
        var review = ContractReview.Start(project, grade, Actor(Role.Owner, "o"), Now);
        review.Edit(Complete(), Actor(Role.Owner, "o"), Now);
        if (state == ContractReviewState.Draft)
        {
            return (review, project);
        }

        review.Submit(Actor(Role.Owner, "o"), grade, Now);
        if (opinions)
        {
            review.GiveOpinion(Actor(Role.Owner, "o"), OpinionVerdict.Agree, "We can.", Now);
            review.GiveOpinion(Actor(Role.Head, "h"), OpinionVerdict.Agree, "Agreed.", Now);
            if (grade == ClientGrade.A)
            {
                review.GiveOpinion(Actor(Role.Leader, "l"), OpinionVerdict.Agree, "Agreed.", Now);
            }
        }

        var decider = grade == ClientGrade.A ? Actor(Role.Leader, "l") : Actor(Role.Head, "h");
        switch (state)
        {
            case ContractReviewState.Passed:
                review.Pass(false, decider, null, AllPass, project, ProjectNumberCounter.For(2026), Now);
                break;
            case ContractReviewState.PassedWithConditions:
                review.Pass(true, decider, "On condition.", AllPass, project, ProjectNumberCounter.For(2026), Now);
                break;
            case ContractReviewState.Rejected:
                review.Reject(decider, "No.", Now);
                break;
        }

        review.ClearDomainEvents();
        return (review, project);
    }

    private static void Take(ContractReview review, CooperationProject project, ContractReviewAction action, WorkflowActor who)
    {
        switch (action)
        {
            case ContractReviewAction.Edit:
                review.Edit(Complete(), who, Now);
                break;
            case ContractReviewAction.Submit:
                review.Submit(who, ClientGrade.B, Now);
                break;
            case ContractReviewAction.Opinion:
                review.GiveOpinion(who, OpinionVerdict.Agree, "Agreed.", Now);
                break;
            case ContractReviewAction.Return:
                review.Return(who, "Say more.", Now);
                break;
            case ContractReviewAction.Pass or ContractReviewAction.PassWithConditions:
                review.Pass(action == ContractReviewAction.PassWithConditions, who, "On condition.", AllPass, project, ProjectNumberCounter.For(2026), Now);
                break;
            case ContractReviewAction.Reject:
                review.Reject(who, "No.", Now);
                break;
        }
    }
}
