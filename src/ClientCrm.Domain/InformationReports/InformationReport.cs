using System.Linq.Expressions;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.InformationReports;

/// <summary>
/// An important-information report (获取重要客户信息汇报制, SPEC §5.1): news about a client, or about a company not registered
/// yet (a prospect: its name and country), with its category, content, source and the day it was learned. The department
/// head reads and forwards it with a comment, a leader instructs (批示), and the reporter reads the instruction. A report
/// on an A client, or one a head or leader writes, goes to the leaders directly. Registering the prospect later links the
/// report to the client (<see cref="LinkToClient"/>).
/// </summary>
/// <remarks>
/// In this workflow's table <see cref="Parties.Owner"/> is the reporter (the one who reads the instruction), not the
/// client's owner: the pages and the notices pass the reporter where the kit asks for an owner.
/// </remarks>
public class InformationReport : RecordsDomainEvents, IClientOrProspectRecord, IWorkflowItem, IAuditable
{
    public const int MaxTextLength = 8000;
    public const int MaxSourceLength = 500;
    public const int MaxProspectNameLength = 300;

    private readonly List<InformationReportEvent> _events = [];

    private InformationReport() { }

    /// <summary>
    /// The flow: the head forwards (a comment required), a leader instructs (the instruction required), the reporter reads.
    /// Anyone who sees the report may add a note, so a head still has a say on a report that skipped them.
    /// </summary>
    public static WorkflowTable<InformationReportState, InformationReportAction> Flow { get; } = FlowTable();

    public static Expression<Func<InformationReport, bool>> IsOpen { get; } = Flow.IsOpenWhere<InformationReport>(r => r.State);

    /// <summary>Who may report on a registered client: whoever works with it.</summary>
    public const Parties ReportedBy = Parties.Owner | Parties.DepartmentHead | Parties.Leader;

    /// <summary>
    /// A report on a registered client. <paramref name="actor"/> is what the reporter is to the client (its owner, its
    /// department's head, a leader); the report goes to the leaders directly for an A client or when the reporter is a head
    /// or leader themselves, else to the department head.
    /// </summary>
    public static InformationReport AboutClient(Client client, WorkflowActor actor, int? reporterDepartmentId, ReportFacts facts, DateOnly today,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(actor);
        if ((actor.Is & ReportedBy) == 0)
        {
            throw new DomainException("InformationReports.NotAllowed", "Only the client's owner, its department head or a leader reports on it.");
        }

        var report = New(actor, reporterDepartmentId, facts, today, now);
        report.ClientId = client.Id;
        return report.Submit(actor, client.Grade == ClientGrade.A, now);
    }

    /// <summary>
    /// A report on a company that is not a client yet: its name and country, so registering it links the report. It belongs to
    /// the reporter's department until then (no department: the leaders take it).
    /// </summary>
    public static InformationReport AboutProspect(string? prospectName, string? countryCode, WorkflowActor actor, int? reporterDepartmentId,
        ReportFacts facts, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var name = string.IsNullOrWhiteSpace(prospectName)
            ? throw new DomainException("InformationReports.ProspectNameRequired", "Name the company the report is about.", nameof(ProspectName))
            : prospectName.Trim();
        if (name.Length > MaxProspectNameLength)
        {
            throw new DomainException("InformationReports.TextTooLong", "The text is too long.", nameof(ProspectName));
        }

        var country = Countries.Find(countryCode)
            ?? throw new DomainException("InformationReports.ProspectCountryRequired", "Choose the company's country.", nameof(ProspectCountryCode));
        var report = New(actor, reporterDepartmentId, facts, today, now);
        report.ProspectName = name;
        report.ProspectNormalizedName = Client.NormalizeName(name);
        report.ProspectCountryCode = country.Code;
        return report.Submit(actor, aClient: false, now);
    }

    public Guid Id { get; private set; }

    /// <summary>The client; null while the report is about a prospect not registered yet.</summary>
    public Guid? ClientId { get; private set; }

    public Client? Client { get; private set; }

    /// <summary>The prospect's name as reported; kept after the report is linked, as what the reporter knew.</summary>
    public string? ProspectName { get; private set; }

    /// <summary><see cref="Client.NormalizeName"/> of <see cref="ProspectName"/>: registration links by it, as duplicate detection matches.</summary>
    public string? ProspectNormalizedName { get; private set; }

    public string? ProspectCountryCode { get; private set; }
    public InformationCategory Category { get; private set; }
    public string Content { get; private set; } = "";
    public string Source { get; private set; } = "";
    public DateOnly LearnedOn { get; private set; }
    public InformationReportState State { get; private set; }
    public DateTimeOffset StateSince { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>True when it skipped the head (an A client, a head's or leader's own report).</summary>
    public bool WentToLeadersDirectly { get; private set; }

    public string ReporterId { get; private set; } = "";
    public string ReporterName { get; private set; } = "";

    /// <summary>The reporter's department when the report was written.</summary>
    public int? ReporterDepartmentId { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The head's comment when forwarding (部门负责人意见).</summary>
    public string? ForwardComment { get; private set; }

    public string? ForwardedByName { get; private set; }

    /// <summary>The leader's instruction (领导批示).</summary>
    public string? Instruction { get; private set; }

    public string? InstructedByName { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>The B client's project that asked for this report (<see cref="ReportPrompt"/>), and why it asked.</summary>
    public Guid? ProjectId { get; private set; }

    public ReportPromptReason? ProjectReason { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<InformationReportEvent> Events => _events;

    /// <summary>The name to show: the client's when linked and loaded, else the prospect's.</summary>
    public string SubjectName => Client?.Name ?? ProspectName ?? "";

    public IReadOnlyList<InformationReportAction> ActionsFor(Parties actor) => Flow.ActionsFor(State, actor);

    public void Forward(WorkflowActor actor, string? comment, DateTimeOffset now)
    {
        var step = Flow.Take(State, InformationReportAction.Forward, actor, comment, now);
        ForwardComment = step.Comment;
        ForwardedByName = step.Actor.Name;
        Enter(step, InformationReportEventKind.Forwarded, step.Comment);
    }

    public void Instruct(WorkflowActor actor, string? instruction, DateTimeOffset now)
    {
        var step = Flow.Take(State, InformationReportAction.Instruct, actor, instruction, now);
        Instruction = step.Comment;
        InstructedByName = step.Actor.Name;
        Enter(step, InformationReportEventKind.Instructed, step.Comment);
    }

    /// <summary>The reporter has read the instruction: the report is done.</summary>
    public void MarkRead(WorkflowActor actor, DateTimeOffset now)
    {
        var step = Flow.Take(State, InformationReportAction.Read, actor, null, now);
        ReadAt = now;
        Enter(step, InformationReportEventKind.Read, null);
    }

    public void AddNote(WorkflowActor actor, string? note, DateTimeOffset now)
    {
        var step = Flow.Take(State, InformationReportAction.Note, actor, note, now);
        UpdatedAt = now;
        _events.Add(new InformationReportEvent(Id, InformationReportEventKind.NoteAdded, now, step.Actor.UserId, step.Actor.Name, step.Comment));
    }

    /// <summary>Who may link a prospect's report to a client by hand: those who see to the department's clients.</summary>
    public const Parties LinkedBy = Parties.DepartmentHead | Parties.Leader;

    /// <summary>
    /// The prospect was registered as <paramref name="client"/>: the report now belongs to the client. By the system when the
    /// registered name and country match (<paramref name="actor"/> null), or by a head or leader by hand.
    /// </summary>
    public void LinkToClient(Client client, WorkflowActor? actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (ClientId is not null)
        {
            throw new DomainException("InformationReports.AlreadyLinked", "The report is already about a registered client.");
        }

        if (actor is not null && (actor.Is & LinkedBy) == 0)
        {
            throw new DomainException("InformationReports.LinkNotAllowed", "Only a department head or a leader links a report to a client.");
        }

        ClientId = client.Id;
        UpdatedAt = now;
        _events.Add(new InformationReportEvent(Id, InformationReportEventKind.LinkedToClient, now, actor?.UserId, actor?.Name, client.Name));
    }

    /// <summary>Whether registering a client of this name and country links this report (the names compared as duplicates are).</summary>
    public static Expression<Func<InformationReport, bool>> AwaitsClient(string normalizedName, string countryCode) =>
        r => r.ClientId == null && r.ProspectNormalizedName == normalizedName && r.ProspectCountryCode == countryCode;

    /// <summary>
    /// Links the report to the project of its client that asked for it (<see cref="ReportPrompt"/>). A report on another
    /// client, or already linked to a project, is refused.
    /// </summary>
    public void LinkToProject(Guid projectId, Guid projectClientId, ReportPromptReason reason, WorkflowActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ClientId != projectClientId)
        {
            throw new DomainException("InformationReports.OtherClient", "The report is about another client.");
        }

        if (ProjectId is not null)
        {
            throw new DomainException("InformationReports.AlreadyOnProject", "The report is already linked to a project.");
        }

        if (!Enum.IsDefined(reason))
        {
            throw new DomainException("InformationReports.ReasonRequired", "Say why the project asks for a report.");
        }

        ProjectId = projectId;
        ProjectReason = reason;
        UpdatedAt = now;
        _events.Add(new InformationReportEvent(Id, InformationReportEventKind.LinkedToProject, now, actor.UserId, actor.Name, null));
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
        _events.Add(new InformationReportEvent(Id, InformationReportEventKind.Escalated, now, null, null, null));
    }

    public static Expression<Func<InformationReport, bool>> DueForEscalation(DateTimeOffset cutoff) =>
        Flow.DueForEscalationWhere<InformationReport>(r => r.State, r => r.StateSince, r => r.EscalatedAt, cutoff);

    private static InformationReport New(WorkflowActor actor, int? reporterDepartmentId, ReportFacts facts, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!Enum.IsDefined(facts.Category))
        {
            throw new DomainException("InformationReports.CategoryRequired", "Choose what the information is about.", nameof(Category));
        }

        if (facts.LearnedOn is not { } learnedOn)
        {
            throw new DomainException("InformationReports.LearnedOnRequired", "Give the day the information was learned.", nameof(LearnedOn));
        }

        if (learnedOn > today)
        {
            throw new DomainException("InformationReports.LearnedInFuture", "The information cannot be learned after today.", nameof(LearnedOn));
        }

        return new InformationReport
        {
            Id = Guid.CreateVersion7(now),
            Category = facts.Category,
            Content = Required(facts.Content, MaxTextLength, "InformationReports.ContentRequired", nameof(Content)),
            Source = Required(facts.Source, MaxSourceLength, "InformationReports.SourceRequired", nameof(Source)),
            LearnedOn = learnedOn,
            ReporterId = actor.UserId,
            ReporterName = actor.Name,
            ReporterDepartmentId = reporterDepartmentId,
        };
    }

    private InformationReport Submit(WorkflowActor actor, bool aClient, DateTimeOffset now)
    {
        // The head reads and forwards; an A client's news, or a head's or leader's own, needs no head between it and the leaders.
        var toLeaders = aClient || (actor.Is & (Parties.DepartmentHead | Parties.Leader)) != 0;
        State = toLeaders ? InformationReportState.Forwarded : InformationReportState.Submitted;
        WentToLeadersDirectly = toLeaders;
        StateSince = now;
        SubmittedAt = now;
        UpdatedAt = now;
        var kind = toLeaders ? InformationReportEventKind.SubmittedToLeaders : InformationReportEventKind.Submitted;
        _events.Add(new InformationReportEvent(Id, kind, now, actor.UserId, actor.Name, Content));
        AddDomainEvent(new InformationReportStepTaken(Id, null, State, toLeaders ? Parties.Leader : Parties.DepartmentHead, actor.UserId, now));
        return this;
    }

    private void Enter(WorkflowStep<InformationReportState, InformationReportAction> step, InformationReportEventKind kind, string? text)
    {
        State = step.To;
        StateSince = step.At;
        EscalatedAt = null;
        UpdatedAt = step.At;
        _events.Add(new InformationReportEvent(Id, kind, step.At, step.Actor.UserId, step.Actor.Name, text));
        AddDomainEvent(new InformationReportStepTaken(Id, step.Action, step.To, step.Tell, step.Actor.UserId, step.At));
    }

    private static string Required(string? value, int max, string code, string field) =>
        WorkflowText.Required(value, max, code, "InformationReports.TextTooLong", field);

    private static WorkflowTable<InformationReportState, InformationReportAction> FlowTable() =>
        new WorkflowTable<InformationReportState, InformationReportAction>("InformationReports", MaxTextLength)
            .Allow(InformationReportState.Submitted, InformationReportAction.Forward, Parties.DepartmentHead, InformationReportState.Forwarded,
                CommentRule.Required(nameof(ForwardComment)))
            .Allow(InformationReportState.Forwarded, InformationReportAction.Instruct, Parties.Leader, InformationReportState.Instructed,
                CommentRule.Required(nameof(Instruction)))
            .Allow(InformationReportState.Instructed, InformationReportAction.Read, Parties.Owner, InformationReportState.Read)
            .Stay(Enum.GetValues<InformationReportState>(), InformationReportAction.Note, Parties.AnyoneInScope, CommentRule.Required("Note"))
            .Final(InformationReportState.Read)
            // The leaders instruct what the head forwarded; the reporter reads what they said.
            .Tell(InformationReportAction.Forward, Parties.Leader)
            .Tell(InformationReportAction.Instruct, Parties.Owner)
            .DueIn(InformationReportState.Submitted, escalatesTo: Parties.Leader)
            .DueIn(InformationReportState.Forwarded, escalatesTo: Parties.Leader)
            .RefuseOthersWith(Parties.Leader, "InformationReports.LeadersOnly")
            .RefuseOthersWith(Parties.DepartmentHead, "InformationReports.HeadsOnly")
            .RefuseOthersWith(Parties.Owner, "InformationReports.ReporterOnly");
}

/// <summary>What the reporter learned: the category, the content, where it came from, and when.</summary>
public sealed record ReportFacts(InformationCategory Category, string? Content, string? Source, DateOnly? LearnedOn);

/// <summary>
/// A step of a report (or its submission, <paramref name="Action"/> null). <paramref name="Tell"/> are the parties the table
/// says to tell (the reporter is <see cref="Parties.Owner"/>); whoever acted is never told.
/// </summary>
public sealed record InformationReportStepTaken(Guid ReportId, InformationReportAction? Action, InformationReportState To, Parties Tell,
    string ActorId, DateTimeOffset OccurredAt) : IDomainEvent;

public class InformationReportEvent : ITimelineLine
{
    private InformationReportEvent() { }

    public InformationReportEvent(Guid reportId, InformationReportEventKind kind, DateTimeOffset at, string? actorId, string? actorName, string? text)
    {
        Id = Guid.CreateVersion7(at);
        ReportId = reportId;
        Kind = kind;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }

    Guid IClientRecordLine.RecordId => ReportId;

    public InformationReport? Report { get; private set; }
    public InformationReportEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
