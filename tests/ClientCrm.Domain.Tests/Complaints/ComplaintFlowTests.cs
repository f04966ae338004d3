using ClientCrm.Domain.Common;
using ClientCrm.Domain.Complaints;
using ClientCrm.Domain.Tests.Evaluations;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.Complaints;

/// <summary>
/// The complaint's table (<see cref="Complaint.Flow"/>), move by move, against the flow of seed 001 三(二) 4 written out here
/// by hand: 记录 → 调查 (head) → 批示 (leader) → 整改和处罚 (head) → 通知客户 (owner or head) → 存档 (head or leader).
/// </summary>
public sealed class ComplaintFlowTests
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

    private static WorkflowActor Actor(Role role) => new($"{role}-id", $"{role} Name", role switch
    {
        Role.Owner => Parties.AnyoneInScope | Parties.Owner,
        Role.Head => Parties.AnyoneInScope | Parties.DepartmentHead,
        Role.Leader => Parties.AnyoneInScope | Parties.Leader,
        _ => Parties.AnyoneInScope,
    });

    private static readonly Dictionary<(ComplaintState, ComplaintAction), (Role[] Who, ComplaintState To)> Legal = new()
    {
        [(ComplaintState.Recorded, ComplaintAction.Investigate)] = ([Role.Head], ComplaintState.Investigated),
        [(ComplaintState.Investigated, ComplaintAction.Instruct)] = ([Role.Leader], ComplaintState.Instructed),
        [(ComplaintState.Instructed, ComplaintAction.Correct)] = ([Role.Head], ComplaintState.Corrected),
        [(ComplaintState.Corrected, ComplaintAction.NotifyClient)] = ([Role.Owner, Role.Head], ComplaintState.ClientNotified),
        [(ComplaintState.ClientNotified, ComplaintAction.Archive)] = ([Role.Head, Role.Leader], ComplaintState.Archived),
    };

    public static TheoryData<ComplaintState, ComplaintAction, Role> EveryMove()
    {
        var data = new TheoryData<ComplaintState, ComplaintAction, Role>();
        foreach (var state in Enum.GetValues<ComplaintState>())
        {
            foreach (var action in Enum.GetValues<ComplaintAction>().Where(a => a != ComplaintAction.Note))
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
    public void Each_move_is_allowed_exactly_for_the_roles_of_the_seed_and_leads_where_it_says(ComplaintState state, ComplaintAction action, Role role)
    {
        var complaint = InState(state);
        var legal = Legal.TryGetValue((state, action), out var move) && move.Who.Contains(role);

        Assert.Equal(legal, complaint.ActionsFor(Actor(role).Is).Contains(action));
        var taking = () => Take(complaint, action, Actor(role));
        if (legal)
        {
            taking();
            Assert.Equal(move.To, complaint.State);
        }
        else
        {
            Assert.StartsWith("Complaints.", Assert.Throws<DomainException>(taking).Code, StringComparison.Ordinal);
            Assert.Equal(state, complaint.State);
        }
    }

    [Fact]
    public void Recording_needs_the_content_a_day_not_in_the_future_and_tells_the_department_head()
    {
        var client = EvaluationFlowTests.NewClient();

        var noContent = Assert.Throws<DomainException>(() => Complaint.Record(client, Actor(Role.Owner), Today, ComplaintChannel.Phone, ComplaintNature.Delay, " ", Today, Now));
        var tomorrow = Assert.Throws<DomainException>(() => Complaint.Record(client, Actor(Role.Owner), Today.AddDays(1), ComplaintChannel.Phone, ComplaintNature.Delay, "late", Today, Now));
        var colleague = Assert.Throws<DomainException>(() => Complaint.Record(client, Actor(Role.Colleague), Today, ComplaintChannel.Phone, ComplaintNature.Delay, "late", Today, Now));
        var complaint = Complaint.Record(client, Actor(Role.Owner), Today, ComplaintChannel.Phone, ComplaintNature.Delay, "late", Today, Now);

        Assert.Equal(("Complaints.ContentRequired", "Content"), (noContent.Code, noContent.Field));
        Assert.Equal(("Complaints.ReceivedInFuture", "ReceivedOn"), (tomorrow.Code, tomorrow.Field));
        Assert.Equal("Complaints.NotAllowed", colleague.Code);
        var recorded = Assert.IsType<ComplaintStepTaken>(Assert.Single(complaint.DomainEvents));
        Assert.Equal((Parties.DepartmentHead, ComplaintState.Recorded, "Owner-id"), (recorded.Tell, recorded.To, recorded.ActorId));
    }

    [Fact]
    public void The_investigation_names_the_responsible_department_and_person_and_the_client_cannot_be_told_before_the_complaint()
    {
        var complaint = InState(ComplaintState.Recorded);
        var noPerson = Assert.Throws<DomainException>(() => complaint.Investigate(Actor(Role.Head), "found", 2, " ", Now));
        var noDepartment = Assert.Throws<DomainException>(() => complaint.Investigate(Actor(Role.Head), "found", null, "Chen", Now));
        Assert.Equal(("Complaints.ResponsiblePersonRequired", "ResponsiblePerson"), (noPerson.Code, noPerson.Field));
        Assert.Equal(("Complaints.ResponsibleDepartmentRequired", "ResponsibleDepartmentId"), (noDepartment.Code, noDepartment.Field));

        var corrected = InState(ComplaintState.Corrected);
        var early = Assert.Throws<DomainException>(() => corrected.NotifyClient(Actor(Role.Owner), Today.AddDays(-30), "letter", Today, Now));
        Assert.Equal(("Complaints.NotifiedBeforeReceived", "ClientNotifiedOn"), (early.Code, early.Field));
    }

    [Fact]
    public void A_step_left_past_its_due_time_escalates_once_and_an_archived_complaint_never_does()
    {
        var complaint = InState(ComplaintState.Investigated);
        var due = Complaint.DueForEscalation(Now.AddDays(1)).Compile();

        Assert.True(due(complaint));
        complaint.Escalate(Now.AddDays(4));
        Assert.False(due(complaint));
        Assert.False(Complaint.DueForEscalation(Now.AddDays(99)).Compile()(InState(ComplaintState.Archived)));
        Assert.False(Complaint.DueForEscalation(Now.AddDays(99)).Compile()(InState(ComplaintState.ClientNotified)));
    }

    private static void Take(Complaint c, ComplaintAction action, WorkflowActor who)
    {
        switch (action)
        {
            case ComplaintAction.Investigate:
                c.Investigate(who, "Confirmed.", 2, "Chen Jing", Now);
                break;
            case ComplaintAction.Instruct:
                c.Instruct(who, "Correct at once.", Now);
                break;
            case ComplaintAction.Correct:
                c.Correct(who, "Supervisor replaced.", "Formal warning", Now);
                break;
            case ComplaintAction.NotifyClient:
                c.NotifyClient(who, Today, "Letter.", Today, Now);
                break;
            case ComplaintAction.Archive:
                c.Archive(who, Now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    private static Complaint InState(ComplaintState state)
    {
        var c = Complaint.Record(EvaluationFlowTests.NewClient(), Actor(Role.Owner), Today.AddDays(-3), ComplaintChannel.Email, ComplaintNature.WorkerConduct,
            "Absent workers.", Today, Now);
        var order = new[] { ComplaintAction.Investigate, ComplaintAction.Instruct, ComplaintAction.Correct, ComplaintAction.NotifyClient, ComplaintAction.Archive };
        var who = new[] { Role.Head, Role.Leader, Role.Head, Role.Owner, Role.Head };
        for (var i = 0; i < (int)state - 1; i++)
        {
            Take(c, order[i], Actor(who[i]));
        }

        return c;
    }
}
