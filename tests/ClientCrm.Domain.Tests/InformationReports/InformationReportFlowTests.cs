using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.InformationReports;
using ClientCrm.Domain.Tests.Evaluations;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.InformationReports;

/// <summary>
/// The report's table (<see cref="InformationReport.Flow"/>), move by move, against SPEC §5.1 written out here by hand:
/// submitted → the head reads and forwards (a comment) → a leader instructs (批示) → the reporter reads; an A client's report
/// goes to the leaders directly; a prospect's report is linked when the prospect is registered.
/// </summary>
public sealed class InformationReportFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 3);

    public enum Role
    {
        Colleague,
        Reporter,
        Head,
        Leader,
    }

    private static WorkflowActor Actor(Role role) => new($"{role}-id", $"{role} Name", role switch
    {
        Role.Reporter => Parties.AnyoneInScope | Parties.Owner,
        Role.Head => Parties.AnyoneInScope | Parties.DepartmentHead,
        Role.Leader => Parties.AnyoneInScope | Parties.Leader,
        _ => Parties.AnyoneInScope,
    });

    private static readonly ReportFacts Facts = new(InformationCategory.Headcount, "They want 40 welders in March.", "Their HR manager, by phone", Today.AddDays(-1));

    private static readonly Dictionary<(InformationReportState, InformationReportAction), (Role Who, InformationReportState To)> Legal = new()
    {
        [(InformationReportState.Submitted, InformationReportAction.Forward)] = (Role.Head, InformationReportState.Forwarded),
        [(InformationReportState.Forwarded, InformationReportAction.Instruct)] = (Role.Leader, InformationReportState.Instructed),
        [(InformationReportState.Instructed, InformationReportAction.Read)] = (Role.Reporter, InformationReportState.Read),
    };

    public static TheoryData<InformationReportState, InformationReportAction, Role> EveryMove()
    {
        var data = new TheoryData<InformationReportState, InformationReportAction, Role>();
        foreach (var state in Enum.GetValues<InformationReportState>())
        {
            foreach (var action in Enum.GetValues<InformationReportAction>().Where(a => a != InformationReportAction.Note))
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
    public void Each_move_is_allowed_exactly_for_the_role_of_the_spec_and_leads_where_it_says(InformationReportState state, InformationReportAction action, Role role)
    {
        var report = InState(state);
        var legal = Legal.TryGetValue((state, action), out var move) && move.Who == role;

        Assert.Equal(legal, report.ActionsFor(Actor(role).Is).Contains(action));
        var taking = () => Take(report, action, Actor(role));
        if (legal)
        {
            taking();
            Assert.Equal(move.To, report.State);
        }
        else
        {
            Assert.StartsWith("InformationReports.", Assert.Throws<DomainException>(taking).Code, StringComparison.Ordinal);
            Assert.Equal(state, report.State);
        }
    }

    [Fact]
    public void Anyone_who_sees_the_report_may_add_a_note_in_every_state_and_the_note_moves_nothing()
    {
        foreach (var state in Enum.GetValues<InformationReportState>())
        {
            var report = InState(state);
            report.AddNote(Actor(Role.Colleague), "Seen.", Now);
            Assert.Equal(state, report.State);
            Assert.Equal(InformationReportEventKind.NoteAdded, report.Events.Last().Kind);
        }
    }

    [Fact]
    public void The_head_forwards_with_a_comment_and_the_leader_instructs_with_an_instruction()
    {
        var submitted = InState(InformationReportState.Submitted);
        var noComment = Assert.Throws<DomainException>(() => submitted.Forward(Actor(Role.Head), " ", Now));
        var forwarded = InState(InformationReportState.Forwarded);
        var noInstruction = Assert.Throws<DomainException>(() => forwarded.Instruct(Actor(Role.Leader), null, Now));

        Assert.Equal(("InformationReports.ForwardCommentRequired", "ForwardComment"), (noComment.Code, noComment.Field));
        Assert.Equal(("InformationReports.InstructionRequired", "Instruction"), (noInstruction.Code, noInstruction.Field));
        var instructed = InState(InformationReportState.Instructed);
        Assert.Equal(("Forward it.", "Head Name", "Follow it up.", "Leader Name"),
            (instructed.ForwardComment, instructed.ForwardedByName, instructed.Instruction, instructed.InstructedByName));
        var told = instructed.DomainEvents.OfType<InformationReportStepTaken>().Select(e => (e.Action, e.Tell)).ToList();
        Assert.Equal([(null, Parties.DepartmentHead), (InformationReportAction.Forward, Parties.Leader), (InformationReportAction.Instruct, Parties.Owner)], told);
    }

    [Fact]
    public void A_report_on_an_A_client_skips_the_head_and_goes_to_the_leaders()
    {
        var client = EvaluationFlowTests.NewClient();
        client.ChangeGrade(ClientGrade.A, GradeChangeKind.Manual, new GradeDecider("l", "Leader", true, false), "key account", null, "l", null,
            GradingThresholds.Default, TestClock.At(Now));

        var report = InformationReport.AboutClient(client, Actor(Role.Reporter), 1, Facts, Today, Now);

        Assert.Equal((InformationReportState.Forwarded, true), (report.State, report.WentToLeadersDirectly));
        Assert.Equal(InformationReportEventKind.SubmittedToLeaders, Assert.Single(report.Events).Kind);
        Assert.Equal(Parties.Leader, Assert.IsType<InformationReportStepTaken>(Assert.Single(report.DomainEvents)).Tell);
        Assert.DoesNotContain(InformationReportAction.Forward, report.ActionsFor(Actor(Role.Head).Is));
        Assert.Contains(InformationReportAction.Note, report.ActionsFor(Actor(Role.Head).Is));
        Assert.Contains(InformationReportAction.Instruct, report.ActionsFor(Actor(Role.Leader).Is));
    }

    [Fact]
    public void A_head_or_leader_reporting_themselves_goes_to_the_leaders_and_a_colleague_may_not_report_on_a_client()
    {
        Assert.Equal(InformationReportState.Forwarded,
            InformationReport.AboutClient(EvaluationFlowTests.NewClient(), Actor(Role.Head), 1, Facts, Today, Now).State);
        Assert.Equal(InformationReportState.Forwarded,
            InformationReport.AboutProspect("Gulf Star", "AE", Actor(Role.Leader), null, Facts, Today, Now).State);
        Assert.Equal(InformationReportState.Submitted,
            InformationReport.AboutClient(EvaluationFlowTests.NewClient(), Actor(Role.Reporter), 1, Facts, Today, Now).State);
        Assert.Equal("InformationReports.NotAllowed", Assert.Throws<DomainException>(() =>
            InformationReport.AboutClient(EvaluationFlowTests.NewClient(), Actor(Role.Colleague), 1, Facts, Today, Now)).Code);
    }

    [Fact]
    public void A_report_needs_its_category_content_source_and_a_day_learned_not_after_today()
    {
        var client = EvaluationFlowTests.NewClient();
        (string, string?) Refusal(ReportFacts facts)
        {
            var e = Assert.Throws<DomainException>(() => InformationReport.AboutClient(client, Actor(Role.Reporter), 1, facts, Today, Now));
            return (e.Code, e.Field);
        }

        Assert.Equal(("InformationReports.CategoryRequired", "Category"), Refusal(Facts with { Category = 0 }));
        Assert.Equal(("InformationReports.ContentRequired", "Content"), Refusal(Facts with { Content = " " }));
        Assert.Equal(("InformationReports.SourceRequired", "Source"), Refusal(Facts with { Source = null }));
        Assert.Equal(("InformationReports.LearnedOnRequired", "LearnedOn"), Refusal(Facts with { LearnedOn = null }));
        Assert.Equal(("InformationReports.LearnedInFuture", "LearnedOn"), Refusal(Facts with { LearnedOn = Today.AddDays(1) }));
        Assert.Equal(("InformationReports.TextTooLong", "Source"), Refusal(Facts with { Source = new string('x', InformationReport.MaxSourceLength + 1) }));
    }

    [Fact]
    public void A_prospect_report_needs_a_name_and_a_known_country_and_is_linked_once_to_the_client_registered_under_that_name()
    {
        var noName = Assert.Throws<DomainException>(() => InformationReport.AboutProspect(" ", "AE", Actor(Role.Reporter), 1, Facts, Today, Now));
        var noCountry = Assert.Throws<DomainException>(() => InformationReport.AboutProspect("Gulf Star", "XX", Actor(Role.Reporter), 1, Facts, Today, Now));
        Assert.Equal(("InformationReports.ProspectNameRequired", "ProspectName"), (noName.Code, noName.Field));
        Assert.Equal(("InformationReports.ProspectCountryRequired", "ProspectCountryCode"), (noCountry.Code, noCountry.Field));

        var report = InformationReport.AboutProspect("  gulf star, l.l.c. ", "ae", Actor(Role.Reporter), 1, Facts, Today, Now);
        var client = EvaluationFlowTests.NewClient();
        Assert.Equal((null, "gulf star, l.l.c.", "AE"), (report.ClientId, report.ProspectName, report.ProspectCountryCode));
        Assert.True(InformationReport.AwaitsClient(Client.NormalizeName("Gulf Star LLC"), "AE").Compile()(report));
        Assert.False(InformationReport.AwaitsClient(Client.NormalizeName("Gulf Star LLC"), "QA").Compile()(report));

        Assert.Equal("InformationReports.LinkNotAllowed", Assert.Throws<DomainException>(() => report.LinkToClient(client, Actor(Role.Reporter), Now)).Code);
        report.LinkToClient(client, null, Now);
        Assert.Equal(client.Id, report.ClientId);
        Assert.Equal(InformationReportEventKind.LinkedToClient, report.Events.Last().Kind);
        Assert.False(InformationReport.AwaitsClient(Client.NormalizeName("Gulf Star LLC"), "AE").Compile()(report));
        Assert.Equal("InformationReports.AlreadyLinked", Assert.Throws<DomainException>(() => report.LinkToClient(client, Actor(Role.Head), Now)).Code);
    }

    [Fact]
    public void A_report_is_linked_to_one_project_of_its_own_client()
    {
        var client = EvaluationFlowTests.NewClient();
        var report = InformationReport.AboutClient(client, Actor(Role.Reporter), 1, Facts, Today, Now);
        var projectId = Guid.NewGuid();

        Assert.Equal("InformationReports.OtherClient", Assert.Throws<DomainException>(() =>
            report.LinkToProject(projectId, Guid.NewGuid(), ReportPromptReason.Signing, Actor(Role.Reporter), Now)).Code);
        report.LinkToProject(projectId, client.Id, ReportPromptReason.Signing, Actor(Role.Reporter), Now);
        Assert.Equal((projectId, ReportPromptReason.Signing), (report.ProjectId, report.ProjectReason));
        Assert.Equal("InformationReports.AlreadyOnProject", Assert.Throws<DomainException>(() =>
            report.LinkToProject(Guid.NewGuid(), client.Id, ReportPromptReason.TradeTest, Actor(Role.Reporter), Now)).Code);
    }

    [Fact]
    public void A_step_left_past_its_due_time_escalates_once_and_one_waiting_for_the_reporter_or_read_never_does()
    {
        var report = InState(InformationReportState.Submitted);
        var due = InformationReport.DueForEscalation(Now.AddDays(1)).Compile();

        Assert.True(due(report));
        report.Escalate(Now.AddDays(4));
        Assert.False(due(report));
        Assert.True(due(InState(InformationReportState.Forwarded)));
        Assert.False(due(InState(InformationReportState.Instructed)));
        Assert.False(due(InState(InformationReportState.Read)));
    }

    [Fact]
    public void Staff_see_what_they_wrote_and_their_clients_reports_a_head_the_departments_and_a_leader_all()
    {
        var owned = ClientOrProspectVisibility.Owned.Compile();
        var inDepartment = ClientOrProspectVisibility.InDepartment.Compile();
        var staff = new AccessScope(ScopeLevel.Own, "Reporter-id", 1);
        var otherStaff = new AccessScope(ScopeLevel.Own, "staff-9", 1);
        var head = new AccessScope(ScopeLevel.Department, "head-1", 1);
        var otherHead = new AccessScope(ScopeLevel.Department, "head-2", 2);
        var prospect = InformationReport.AboutProspect("Gulf Star", "AE", Actor(Role.Reporter), 1, Facts, Today, Now);

        var onClient = InformationReport.AboutClient(AccessScopeTests.ClientOf("staff-9", 1), new WorkflowActor("head-1", "Head", Parties.DepartmentHead), 1,
            Facts, Today, Now);
        typeof(InformationReport).GetProperty(nameof(InformationReport.Client))!.SetValue(onClient, AccessScopeTests.ClientOf("staff-9", 1));

        Assert.True(owned(prospect, staff));
        Assert.False(owned(prospect, otherStaff));
        Assert.True(inDepartment(prospect, head));
        Assert.False(inDepartment(prospect, otherHead));
        Assert.True(owned(onClient, otherStaff));
        Assert.False(owned(onClient, staff));
        Assert.True(inDepartment(onClient, head));
        Assert.False(inDepartment(onClient, otherHead));
        Assert.Null(ClientOrProspectVisibility.Filter(ScopeFilterShape.All));
    }

    [Theory]
    [InlineData(ClientGrade.B, null, "2026-12-01", null, null, ReportPromptReason.Signing)]
    [InlineData(ClientGrade.B, null, null, null, "2026-12-10", ReportPromptReason.TradeTest)]
    [InlineData(ClientGrade.B, null, "2026-12-01", null, "2026-12-10", ReportPromptReason.Signing)]
    [InlineData(ClientGrade.B, "2026-11-01", "2026-12-01", null, null, null)]
    [InlineData(ClientGrade.B, "2026-11-01", "2026-11-01", "2026-12-10", "2026-12-11", null)]
    [InlineData(ClientGrade.B, null, null, null, null, null)]
    [InlineData(ClientGrade.A, null, "2026-12-01", null, "2026-12-10", null)]
    [InlineData(ClientGrade.C, null, "2026-12-01", null, "2026-12-10", null)]
    public void Only_a_B_clients_project_getting_its_first_signing_or_trade_test_date_asks_for_a_report(ClientGrade grade, string? signedBefore,
        string? signedAfter, string? testBefore, string? testAfter, ReportPromptReason? expected)
    {
        static DateOnly? Day(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ReportPrompt.AfterProjectSave(grade, Day(signedBefore), Day(signedAfter), Day(testBefore), Day(testAfter)));
    }

    [Fact]
    public void Contract_review_asks_a_B_client_only_and_the_prefilled_category_follows_the_reason()
    {
        Assert.Equal(ReportPromptReason.ContractReview, ReportPrompt.OnContractReview(ClientGrade.B));
        Assert.Null(ReportPrompt.OnContractReview(ClientGrade.A));
        Assert.Null(ReportPrompt.OnContractReview(ClientGrade.C));
        Assert.Equal(InformationCategory.ContractConditions, ReportPrompt.CategoryFor(ReportPromptReason.Signing));
        Assert.Equal(InformationCategory.ContractConditions, ReportPrompt.CategoryFor(ReportPromptReason.ContractReview));
        Assert.Equal(InformationCategory.JobTypes, ReportPrompt.CategoryFor(ReportPromptReason.TradeTest));
    }

    private static void Take(InformationReport r, InformationReportAction action, WorkflowActor who)
    {
        switch (action)
        {
            case InformationReportAction.Forward:
                r.Forward(who, "Forward it.", Now);
                break;
            case InformationReportAction.Instruct:
                r.Instruct(who, "Follow it up.", Now);
                break;
            case InformationReportAction.Read:
                r.MarkRead(who, Now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    private static InformationReport InState(InformationReportState state)
    {
        var r = InformationReport.AboutClient(EvaluationFlowTests.NewClient(), Actor(Role.Reporter), 1, Facts, Today, Now);
        var order = new[] { InformationReportAction.Forward, InformationReportAction.Instruct, InformationReportAction.Read };
        var who = new[] { Role.Head, Role.Leader, Role.Reporter };
        for (var i = 0; i < (int)state - 1; i++)
        {
            Take(r, order[i], Actor(who[i]));
        }

        return r;
    }
}
