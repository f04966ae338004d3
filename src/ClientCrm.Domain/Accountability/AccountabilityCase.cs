using System.Linq.Expressions;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Accountability;

/// <summary>
/// An accountability case for a major incident with a client (与客户合作中重大事故问责制, SPEC §5.3): the client's business
/// dropped markedly or cooperation stopped, and the department owes the company a written report of the course of events
/// and the causes by a due date. A market factor calls for countermeasures with owners and due dates; a work error for the
/// persons concerned (当事人/责任人) and the penalties proposed; a leader decides, and the case closes once the decision is
/// carried out. A client has at most one open case per trigger.
/// </summary>
public class AccountabilityCase : RecordsDomainEvents, IClientRecord, IAuditable, IWorkflowItem
{
    public const int MaxTextLength = 8000;
    public const int MaxNameLength = 200;

    /// <summary>Rows a report may carry of each kind: enough for any incident, bounded for the page and the table.</summary>
    public const int MaxRows = 30;

    public const int DefaultReportDueDays = 10;

    private readonly List<AccountabilityEvent> _events = [];
    private readonly List<Countermeasure> _countermeasures = [];
    private readonly List<PersonConcerned> _persons = [];

    private AccountabilityCase() { }

    /// <summary>
    /// The flow: the department (its head, or the client's owner) writes the report; a leader takes it up, returns it for a
    /// better one or decides; the head or a leader closes the case once the decision is carried out. The report is due by
    /// <see cref="ReportDueOn"/>; every later step waits at most the workflow's step days before it goes to the leaders.
    /// </summary>
    public static WorkflowTable<AccountabilityState, AccountabilityAction> Flow { get; } = FlowTable();

    public static Expression<Func<AccountabilityCase, bool>> IsOpen { get; } = Flow.IsOpenWhere<AccountabilityCase>(c => c.State);

    /// <summary>Who opens a case by hand (SPEC §5.3): a department head or a leader, never staff.</summary>
    public const Parties OpenedBy = Parties.DepartmentHead | Parties.Leader;

    /// <summary>Who is told a case was opened: the department, which owes the report.</summary>
    public const Parties ToldOfOpening = Parties.DepartmentHead | Parties.Owner;

    /// <summary>
    /// The case a warning opens, if any: the demand-drop rule (业务量出现明显下降) on an A or B client. Other rules, and C
    /// clients, open none.
    /// </summary>
    public static AccountabilityTrigger? TriggerFor(WarningRule rule, ClientGrade grade) =>
        rule == WarningRule.DemandDrop && grade is ClientGrade.A or ClientGrade.B ? AccountabilityTrigger.DemandDropWarning : null;

    /// <summary>The case a change of status opens, if any: the client turning Terminated (中止与本公司合作).</summary>
    public static AccountabilityTrigger? TriggerFor(ClientStatus to) => to == ClientStatus.Terminated ? AccountabilityTrigger.ClientTerminated : null;

    /// <summary>The case the system opens for <paramref name="trigger"/>; the report is due <paramref name="reportDueDays"/> company days on.</summary>
    public static AccountabilityCase OpenAutomatically(Client client, AccountabilityTrigger trigger, Guid? warningId, BusinessClock clock, int reportDueDays)
    {
        if (trigger == AccountabilityTrigger.Manual || !Enum.IsDefined(trigger))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "The system opens a case only for a demand drop or a termination.");
        }

        return Open(client, trigger, warningId, null, null, clock, reportDueDays);
    }

    /// <summary>A case a department head or a leader opens by hand, saying what happened.</summary>
    public static AccountabilityCase OpenByHand(Client client, WorkflowActor actor, string? incident, BusinessClock clock, int reportDueDays)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if ((actor.Is & OpenedBy) == 0)
        {
            throw new DomainException("Accountability.HeadsOrLeadersOpen", "Only a department head or a leader opens an accountability case.");
        }

        return Open(client, AccountabilityTrigger.Manual, null, actor, Required(incident, "Accountability.IncidentRequired", nameof(Incident)), clock,
            reportDueDays);
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public AccountabilityTrigger Trigger { get; private set; }

    /// <summary>The demand-drop warning that opened the case; null for any other trigger.</summary>
    public Guid? WarningId { get; private set; }

    /// <summary>What happened, in the words of whoever opened the case by hand; null for a case the system opened.</summary>
    public string? Incident { get; private set; }

    public AccountabilityState State { get; private set; }
    public DateTimeOffset StateSince { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>Who opened it; null when the system did.</summary>
    public string? OpenedById { get; private set; }

    public string? OpenedByName { get; private set; }

    /// <summary>The company day by which the department's report is due; after it, the case is overdue.</summary>
    public DateOnly ReportDueOn { get; private set; }

    /// <summary>The course of events (过程).</summary>
    public string? CourseOfEvents { get; private set; }

    /// <summary>The causes (原因).</summary>
    public string? Causes { get; private set; }

    public AccountabilityCauseKind CauseKind { get; private set; }
    public DateTimeOffset? ReportedAt { get; private set; }
    public string? ReportedByName { get; private set; }

    /// <summary>The leader's decision (领导决定).</summary>
    public string? LeaderDecision { get; private set; }

    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<AccountabilityEvent> Events => _events;
    public IReadOnlyList<Countermeasure> Countermeasures => _countermeasures;
    public IReadOnlyList<PersonConcerned> Persons => _persons;

    public IReadOnlyList<AccountabilityAction> ActionsFor(Parties actor) => Flow.ActionsFor(State, actor);

    /// <summary>The report waits past its due day (the company's <paramref name="today"/> is later).</summary>
    public bool IsReportOverdue(DateOnly today) => State == AccountabilityState.Opened && ReportDueOn < today;

    /// <summary><see cref="IsReportOverdue"/> for a query; the day becomes a parameter.</summary>
    public static Expression<Func<AccountabilityCase, bool>> ReportOverdue(DateOnly today) =>
        c => c.State == AccountabilityState.Opened && c.ReportDueOn < today;

    /// <summary>
    /// The department's written report. It replaces the rows of an earlier one (a report returned for a better one); the
    /// timeline keeps what each round said.
    /// </summary>
    public void SubmitReport(WorkflowActor actor, AccountabilityReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var step = Flow.Take(State, AccountabilityAction.SubmitReport, actor, null, now);
        var checkedReport = report.Check();
        CourseOfEvents = checkedReport.CourseOfEvents;
        Causes = checkedReport.Causes;
        CauseKind = checkedReport.CauseKind;
        ReportedAt = now;
        ReportedByName = step.Actor.Name;
        _countermeasures.Clear();
        _countermeasures.AddRange(checkedReport.Countermeasures.Select((m, i) => new Countermeasure(Id, i + 1, m.Action!, m.OwnerName!, m.DueOn!.Value)));
        _persons.Clear();
        _persons.AddRange(checkedReport.Persons.Select((p, i) => new PersonConcerned(Id, i + 1, p.Name!, p.Role!.Value, p.Penalty!)));
        Enter(step, AccountabilityEventKind.ReportSubmitted, checkedReport.Summary());
    }

    /// <summary>A leader takes the report up for review: the department knows it is being read.</summary>
    public void TakeUp(WorkflowActor actor, DateTimeOffset now)
    {
        var step = Flow.Take(State, AccountabilityAction.TakeUp, actor, null, now);
        Enter(step, AccountabilityEventKind.TakenUp, null);
    }

    /// <summary>A leader returns the report for a better one, saying what is missing; it is due again <paramref name="reportDueDays"/> days on.</summary>
    public void Return(WorkflowActor actor, string? reason, BusinessClock clock, int reportDueDays)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var step = Flow.Take(State, AccountabilityAction.Return, actor, reason, clock.UtcNow);
        ReportDueOn = DueOn(clock, reportDueDays);
        Enter(step, AccountabilityEventKind.Returned, step.Comment);
    }

    public void Decide(WorkflowActor actor, string? decision, DateTimeOffset now)
    {
        var step = Flow.Take(State, AccountabilityAction.Decide, actor, decision, now);
        LeaderDecision = step.Comment;
        DecidedById = step.Actor.UserId;
        DecidedByName = step.Actor.Name;
        DecidedAt = now;
        Enter(step, AccountabilityEventKind.Decided, step.Comment);
    }

    /// <summary>The decision is carried out (the countermeasures taken, the penalties given): the case closes.</summary>
    public void Close(WorkflowActor actor, string? comment, DateTimeOffset now)
    {
        var step = Flow.Take(State, AccountabilityAction.Close, actor, comment, now);
        ClosedAt = now;
        Enter(step, AccountabilityEventKind.Closed, step.Comment);
    }

    public void AddNote(WorkflowActor actor, string? note, DateTimeOffset now)
    {
        var step = Flow.Take(State, AccountabilityAction.Note, actor, note, now);
        UpdatedAt = now;
        _events.Add(new AccountabilityEvent(Id, AccountabilityEventKind.NoteAdded, now, step.Actor.UserId, step.Actor.Name, step.Comment));
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
        _events.Add(new AccountabilityEvent(Id, AccountabilityEventKind.Escalated, now, null, null, null));
    }

    /// <summary>
    /// "Left past due", not escalated yet: a report past its due day (the company's <paramref name="today"/> is later), or a
    /// later step waiting since <paramref name="stepCutoff"/> (now less the step days) or earlier.
    /// </summary>
    public static Expression<Func<AccountabilityCase, bool>> DueForEscalation(DateOnly today, DateTimeOffset stepCutoff) =>
        c => c.EscalatedAt == null
             && ((c.State == AccountabilityState.Opened && c.ReportDueOn < today)
                 || ((c.State == AccountabilityState.ReportSubmitted || c.State == AccountabilityState.UnderReview || c.State == AccountabilityState.Decided)
                     && c.StateSince <= stepCutoff));

    /// <summary>The company day <paramref name="days"/> after today (in the company's time zone, not the server's).</summary>
    public static DateOnly DueOn(BusinessClock clock, int days)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return clock.Today.AddDays(days);
    }

    private static AccountabilityCase Open(Client client, AccountabilityTrigger trigger, Guid? warningId, WorkflowActor? actor, string? incident,
        BusinessClock clock, int reportDueDays)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        var opened = new AccountabilityCase
        {
            Id = Guid.CreateVersion7(now),
            ClientId = client.Id,
            Trigger = trigger,
            WarningId = trigger == AccountabilityTrigger.DemandDropWarning ? warningId : null,
            Incident = incident,
            State = AccountabilityState.Opened,
            StateSince = now,
            OpenedAt = now,
            OpenedById = actor?.UserId,
            OpenedByName = actor?.Name,
            ReportDueOn = DueOn(clock, reportDueDays),
            UpdatedAt = now,
        };
        opened._events.Add(new AccountabilityEvent(opened.Id, AccountabilityEventKind.Opened, now, actor?.UserId, actor?.Name, incident));
        opened.AddDomainEvent(new AccountabilityStepTaken(opened.Id, opened.ClientId, null, AccountabilityState.Opened, ToldOfOpening, actor?.UserId ?? "", now));
        return opened;
    }

    private void Enter(WorkflowStep<AccountabilityState, AccountabilityAction> step, AccountabilityEventKind kind, string? text)
    {
        State = step.To;
        StateSince = step.At;
        EscalatedAt = null;
        UpdatedAt = step.At;
        _events.Add(new AccountabilityEvent(Id, kind, step.At, step.Actor.UserId, step.Actor.Name, text));
        AddDomainEvent(new AccountabilityStepTaken(Id, ClientId, step.Action, step.To, step.Tell, step.Actor.UserId, step.At));
    }

    internal static string Required(string? value, string code, string field, int max = MaxTextLength) =>
        WorkflowText.Required(value, max, code, "Accountability.TextTooLong", field);

    private static WorkflowTable<AccountabilityState, AccountabilityAction> FlowTable() =>
        new WorkflowTable<AccountabilityState, AccountabilityAction>("Accountability", MaxTextLength)
            .Allow(AccountabilityState.Opened, AccountabilityAction.SubmitReport, Parties.Owner | Parties.DepartmentHead, AccountabilityState.ReportSubmitted)
            .Allow(AccountabilityState.ReportSubmitted, AccountabilityAction.TakeUp, Parties.Leader, AccountabilityState.UnderReview)
            .Allow(AccountabilityState.UnderReview, AccountabilityAction.Return, Parties.Leader, AccountabilityState.Opened, CommentRule.Required("ReturnReason"))
            .Allow(AccountabilityState.UnderReview, AccountabilityAction.Decide, Parties.Leader, AccountabilityState.Decided,
                CommentRule.Required(nameof(LeaderDecision)))
            .Allow(AccountabilityState.Decided, AccountabilityAction.Close, Parties.DepartmentHead | Parties.Leader, AccountabilityState.Closed,
                CommentRule.Optional("CloseComment"))
            .Stay(Enum.GetValues<AccountabilityState>(), AccountabilityAction.Note, Parties.AnyoneInScope, CommentRule.Required("Note"))
            .Final(AccountabilityState.Closed)
            // The leaders review what the department reported; the department hears of a return and of the decision.
            .Tell(AccountabilityAction.SubmitReport, Parties.Leader)
            .Tell(AccountabilityAction.Return, Parties.DepartmentHead | Parties.Owner)
            .Tell(AccountabilityAction.Decide, Parties.DepartmentHead | Parties.Owner)
            .DueIn(AccountabilityState.Opened, escalatesTo: Parties.Leader)
            .DueIn(AccountabilityState.ReportSubmitted, escalatesTo: Parties.Leader)
            .DueIn(AccountabilityState.UnderReview, escalatesTo: Parties.Leader)
            .DueIn(AccountabilityState.Decided, escalatesTo: Parties.Leader)
            .RefuseOthersWith(Parties.Leader, "Accountability.LeadersOnly")
            .RefuseOthersWith(Parties.Owner | Parties.DepartmentHead, "Accountability.DepartmentOnly")
            .RefuseOthersWith(Parties.DepartmentHead | Parties.Leader, "Accountability.HeadsOrLeadersOnly");
}

/// <summary>
/// A step of a case (or its opening, <paramref name="Action"/> null). <paramref name="Tell"/> are the parties to tell;
/// whoever acted is never told (<paramref name="ActorId"/> is empty when the system acted).
/// </summary>
public sealed record AccountabilityStepTaken(Guid CaseId, Guid ClientId, AccountabilityAction? Action, AccountabilityState To, Parties Tell,
    string ActorId, DateTimeOffset OccurredAt) : IDomainEvent;

public class AccountabilityEvent : ITimelineLine
{
    private AccountabilityEvent() { }

    public AccountabilityEvent(Guid caseId, AccountabilityEventKind kind, DateTimeOffset at, string? actorId, string? actorName, string? text)
    {
        Id = Guid.CreateVersion7(at);
        CaseId = caseId;
        Kind = kind;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }

    Guid IClientRecordLine.RecordId => CaseId;

    public AccountabilityCase? Case { get; private set; }
    public AccountabilityEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
