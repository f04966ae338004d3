using System.Linq.Expressions;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Complaints;

/// <summary>
/// A client's complaint (客户投诉, seed 001 三(二) 4): recorded with its content and nature, investigated to the responsible
/// department and person, instructed by a leader (批示), corrected with the penalty decided, the client told of the outcome
/// ("最忌投诉没有下文"), and archived. Every step is on the timeline. An open complaint shows in the client's warning column.
/// </summary>
public class Complaint : RecordsDomainEvents, IClientRecord, IAuditable, IWorkflowItem
{
    public const int MaxTextLength = 8000;
    public const int MaxNameLength = 200;

    private readonly List<ComplaintEvent> _events = [];

    private Complaint() { }

    /// <summary>
    /// The flow (seed 001: 记录 → 调查 → 领导批示 → 整改和处罚 → 通知客户 → 存档). The department head investigates and sees the
    /// correction through; a leader instructs; the owner or the head tells the client; the head or a leader archives. A
    /// complaint left unhandled past its due time goes to the leaders.
    /// </summary>
    public static WorkflowTable<ComplaintState, ComplaintAction> Flow { get; } = FlowTable();

    public static Expression<Func<Complaint, bool>> IsOpen { get; } = Flow.IsOpenWhere<Complaint>(c => c.State);

    /// <summary>Who may record a complaint: whoever works with the client.</summary>
    public const Parties RecordedBy = Parties.Owner | Parties.DepartmentHead | Parties.Leader;

    public static Complaint Record(Client client, WorkflowActor actor, DateOnly receivedOn, ComplaintChannel channel, ComplaintNature nature,
        string? content, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(actor);
        if ((actor.Is & RecordedBy) == 0)
        {
            throw new DomainException("Complaints.NotAllowed", "Only the client's owner, its department head or a leader records a complaint.");
        }

        if (receivedOn > today)
        {
            throw new DomainException("Complaints.ReceivedInFuture", "A complaint cannot be received after today.", nameof(ReceivedOn));
        }

        if (!Enum.IsDefined(channel))
        {
            throw new DomainException("Complaints.ChannelRequired", "Choose how the complaint came in.", nameof(Channel));
        }

        if (!Enum.IsDefined(nature))
        {
            throw new DomainException("Complaints.NatureRequired", "Choose the nature of the complaint.", nameof(Nature));
        }

        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(now),
            ClientId = client.Id,
            ReceivedOn = receivedOn,
            Channel = channel,
            Nature = nature,
            Content = Required(content, MaxTextLength, "Complaints.ContentRequired", nameof(Content)),
            State = ComplaintState.Recorded,
            StateSince = now,
            RecordedById = actor.UserId,
            RecordedByName = actor.Name,
            RecordedAt = now,
            UpdatedAt = now,
        };
        complaint._events.Add(new ComplaintEvent(complaint.Id, ComplaintEventKind.Recorded, now, actor.UserId, actor.Name, complaint.Content));
        complaint.AddDomainEvent(new ComplaintStepTaken(complaint.Id, complaint.ClientId, null, ComplaintState.Recorded, Parties.DepartmentHead, actor.UserId, now));
        return complaint;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public ComplaintChannel Channel { get; private set; }
    public ComplaintNature Nature { get; private set; }
    public string Content { get; private set; } = "";
    public ComplaintState State { get; private set; }
    public DateTimeOffset StateSince { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public string RecordedById { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>What the investigation found (调查情况).</summary>
    public string? Findings { get; private set; }

    /// <summary>The department whose work caused the complaint, and the person responsible (责任部门、责任人).</summary>
    public int? ResponsibleDepartmentId { get; private set; }

    public string? ResponsiblePerson { get; private set; }

    /// <summary>The leader's instruction (领导批示).</summary>
    public string? LeaderInstruction { get; private set; }

    public string? InstructedByName { get; private set; }
    public string? CorrectiveAction { get; private set; }

    /// <summary>The penalty decided for the person responsible; none when nobody is to blame.</summary>
    public string? Penalty { get; private set; }

    public DateOnly? ClientNotifiedOn { get; private set; }

    /// <summary>How the client was told (a letter, a visit, a call, with whom).</summary>
    public string? NotifiedHow { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<ComplaintEvent> Events => _events;

    public IReadOnlyList<ComplaintAction> ActionsFor(Parties actor) => Flow.ActionsFor(State, actor);

    public void Investigate(WorkflowActor actor, string? findings, int? responsibleDepartmentId, string? responsiblePerson, DateTimeOffset now)
    {
        var step = Flow.Take(State, ComplaintAction.Investigate, actor, findings, now, _ =>
            responsibleDepartmentId is null
                ? new DomainException("Complaints.ResponsibleDepartmentRequired", "Name the department responsible.", nameof(ResponsibleDepartmentId))
                : string.IsNullOrWhiteSpace(responsiblePerson)
                    ? new DomainException("Complaints.ResponsiblePersonRequired", "Name the person responsible.", nameof(ResponsiblePerson))
                    : responsiblePerson.Trim().Length > MaxNameLength
                        ? new DomainException("Complaints.TextTooLong", "The text is too long.", nameof(ResponsiblePerson))
                        : null);
        Findings = step.Comment;
        ResponsibleDepartmentId = responsibleDepartmentId;
        ResponsiblePerson = responsiblePerson!.Trim();
        Enter(step, ComplaintEventKind.Investigated, $"{step.Comment}\n— {ResponsiblePerson}");
    }

    public void Instruct(WorkflowActor actor, string? instruction, DateTimeOffset now)
    {
        var step = Flow.Take(State, ComplaintAction.Instruct, actor, instruction, now);
        LeaderInstruction = step.Comment;
        InstructedByName = step.Actor.Name;
        Enter(step, ComplaintEventKind.Instructed, step.Comment);
    }

    public void Correct(WorkflowActor actor, string? correctiveAction, string? penalty, DateTimeOffset now)
    {
        var step = Flow.Take(State, ComplaintAction.Correct, actor, correctiveAction, now, _ =>
            penalty?.Trim().Length > MaxTextLength ? new DomainException("Complaints.TextTooLong", "The text is too long.", nameof(Penalty)) : null);
        CorrectiveAction = step.Comment;
        Penalty = string.IsNullOrWhiteSpace(penalty) ? null : penalty.Trim();
        Enter(step, ComplaintEventKind.Corrected, Penalty is null ? step.Comment : $"{step.Comment}\n— {Penalty}");
    }

    public void NotifyClient(WorkflowActor actor, DateOnly? notifiedOn, string? how, DateOnly today, DateTimeOffset now)
    {
        var step = Flow.Take(State, ComplaintAction.NotifyClient, actor, how, now, _ =>
            notifiedOn is null ? new DomainException("Complaints.NotifiedOnRequired", "Give the day the client was told.", nameof(ClientNotifiedOn))
            : notifiedOn > today ? new DomainException("Complaints.NotifiedInFuture", "The client cannot have been told after today.", nameof(ClientNotifiedOn))
            : notifiedOn < ReceivedOn ? new DomainException("Complaints.NotifiedBeforeReceived", "The client was told before the complaint came in.", nameof(ClientNotifiedOn))
            : null);
        ClientNotifiedOn = notifiedOn;
        NotifiedHow = step.Comment;
        Enter(step, ComplaintEventKind.ClientNotified, step.Comment);
    }

    public void Archive(WorkflowActor actor, DateTimeOffset now)
    {
        var step = Flow.Take(State, ComplaintAction.Archive, actor, null, now);
        ArchivedAt = now;
        Enter(step, ComplaintEventKind.Archived, null);
    }

    public void AddNote(WorkflowActor actor, string? note, DateTimeOffset now)
    {
        var step = Flow.Take(State, ComplaintAction.Note, actor, note, now);
        UpdatedAt = now;
        _events.Add(new ComplaintEvent(Id, ComplaintEventKind.NoteAdded, now, step.Actor.UserId, step.Actor.Name, step.Comment));
    }

    /// <summary>The step now waiting is overdue: it goes to the leaders, once per step.</summary>
    public void Escalate(DateTimeOffset now)
    {
        if (EscalatedAt is not null || Flow.EscalatesTo(State) == Parties.None)
        {
            return;
        }

        EscalatedAt = now;
        UpdatedAt = now;
        _events.Add(new ComplaintEvent(Id, ComplaintEventKind.Escalated, now, null, null, null));
    }

    public static Expression<Func<Complaint, bool>> DueForEscalation(DateTimeOffset cutoff) =>
        Flow.DueForEscalationWhere<Complaint>(c => c.State, c => c.StateSince, c => c.EscalatedAt, cutoff);

    private void Enter(WorkflowStep<ComplaintState, ComplaintAction> step, ComplaintEventKind kind, string? text)
    {
        State = step.To;
        StateSince = step.At;
        EscalatedAt = null;
        UpdatedAt = step.At;
        _events.Add(new ComplaintEvent(Id, kind, step.At, step.Actor.UserId, step.Actor.Name, text));
        AddDomainEvent(new ComplaintStepTaken(Id, ClientId, step.Action, step.To, step.Tell, step.Actor.UserId, step.At));
    }

    private static string Required(string? value, int max, string code, string field) =>
        WorkflowText.Required(value, max, code, "Complaints.TextTooLong", field);

    private static WorkflowTable<ComplaintState, ComplaintAction> FlowTable() =>
        new WorkflowTable<ComplaintState, ComplaintAction>("Complaints", MaxTextLength)
            .Allow(ComplaintState.Recorded, ComplaintAction.Investigate, Parties.DepartmentHead, ComplaintState.Investigated, CommentRule.Required(nameof(Findings)))
            .Allow(ComplaintState.Investigated, ComplaintAction.Instruct, Parties.Leader, ComplaintState.Instructed, CommentRule.Required(nameof(LeaderInstruction)))
            .Allow(ComplaintState.Instructed, ComplaintAction.Correct, Parties.DepartmentHead, ComplaintState.Corrected, CommentRule.Required(nameof(CorrectiveAction)))
            .Allow(ComplaintState.Corrected, ComplaintAction.NotifyClient, Parties.Owner | Parties.DepartmentHead, ComplaintState.ClientNotified,
                CommentRule.Required(nameof(NotifiedHow)))
            .Allow(ComplaintState.ClientNotified, ComplaintAction.Archive, Parties.DepartmentHead | Parties.Leader, ComplaintState.Archived)
            .Stay(Enum.GetValues<ComplaintState>(), ComplaintAction.Note, Parties.AnyoneInScope, CommentRule.Required("Note"))
            .Final(ComplaintState.Archived)
            // The leaders instruct what the head found; the head sees the correction through; the owner tells the client.
            .Tell(ComplaintAction.Investigate, Parties.Leader)
            .Tell(ComplaintAction.Instruct, Parties.DepartmentHead | Parties.Owner)
            .Tell(ComplaintAction.Correct, Parties.Owner)
            .DueIn(ComplaintState.Recorded, escalatesTo: Parties.Leader)
            .DueIn(ComplaintState.Investigated, escalatesTo: Parties.Leader)
            .DueIn(ComplaintState.Instructed, escalatesTo: Parties.Leader)
            .RefuseOthersWith(Parties.Leader, "Complaints.LeadersOnly")
            .RefuseOthersWith(Parties.DepartmentHead, "Complaints.HeadsOnly");
}

/// <summary>
/// A step of a complaint (or its recording, <paramref name="Action"/> null). <paramref name="Tell"/> are the parties the table
/// says to tell; whoever acted is never told.
/// </summary>
public sealed record ComplaintStepTaken(Guid ComplaintId, Guid ClientId, ComplaintAction? Action, ComplaintState To, Parties Tell, string ActorId,
    DateTimeOffset OccurredAt) : IDomainEvent;

public class ComplaintEvent : ITimelineLine
{
    private ComplaintEvent() { }

    public ComplaintEvent(Guid complaintId, ComplaintEventKind kind, DateTimeOffset at, string? actorId, string? actorName, string? text)
    {
        Id = Guid.CreateVersion7(at);
        ComplaintId = complaintId;
        Kind = kind;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }

    Guid IClientRecordLine.RecordId => ComplaintId;

    public Complaint? Complaint { get; private set; }
    public ComplaintEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
