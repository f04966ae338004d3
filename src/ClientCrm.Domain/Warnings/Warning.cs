using System.Linq.Expressions;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Warnings;

/// <summary>The person acting on a warning, with the roles the workflow asks about.</summary>
public sealed record WarningActor(string UserId, string Name, bool IsLeader, bool IsDepartmentHead)
{
    public bool Reviews => IsLeader || IsDepartmentHead;

    /// <summary>
    /// What the person is to a warning they see. A head sees only the warnings of their own department (the scope filter), so
    /// a head is the head of the warning's client's department.
    /// </summary>
    public Parties Parties => Parties.AnyoneInScope | (IsLeader ? Parties.Leader : Parties.None) | (IsDepartmentHead ? Parties.DepartmentHead : Parties.None);
}

/// <summary>What a person writes when taking a step on a warning; each action reads its own texts (<see cref="Warning.Take"/>).</summary>
public sealed record WarningTexts(string? Actions = null, string? InvestigationNote = null, string? Cause = null, string? Measures = null,
    string? DismissReason = null, string? Report = null, string? Note = null);

/// <summary>
/// A warning in a client's warning column (预警栏, SPEC §7): raised by a rule of the engine or filed by hand, with a
/// short summary, the figures that fired it, a detailed report and the review workflow
/// open → acknowledged → investigating → resolved / dismissed. Every step lands on the timeline. A rule warning links to the
/// record that caused it (<see cref="Source"/>) and cannot be closed while its rule still holds for the client.
/// </summary>
public class Warning : RecordsDomainEvents, IClientRecord, IAuditable
{
    public const int MaxSummaryLength = 200;
    public const int MaxTextLength = 8000;

    private readonly List<WarningEvent> _events = [];

    private Warning() { }

    /// <summary>Filed by hand: a member of staff saw something the rules cannot see (转产, 迁移, turning to a competitor…).</summary>
    public static Warning File(Client client, WarningFamily family, string? summary, string? report, WarningActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Enum.IsDefined(family))
        {
            throw new DomainException("Warnings.FamilyRequired", "A warning needs a family.", nameof(Family));
        }

        var warning = new Warning
        {
            Id = Guid.CreateVersion7(now),
            ClientId = client.Id,
            Family = family,
            Severity = WarningRules.SeverityOf(family, client.Grade),
            State = WarningState.Open,
            Summary = Required(summary, MaxSummaryLength, "Warnings.SummaryRequired", "Warnings.SummaryTooLong", nameof(Summary)),
            Report = Optional(report, "Warnings.ReportTooLong", nameof(Report)),
            RaisedAt = now,
            RaisedById = actor.UserId,
            RaisedByName = actor.Name,
            UpdatedAt = now,
        };
        warning.Record(WarningEventKind.Filed, actor, now, null);
        warning.AddDomainEvent(new WarningFiled(warning.Id, warning.ClientId, family, warning.Severity, actor.UserId, now));
        return warning;
    }

    /// <summary>
    /// Raised by the engine for a rule that holds, pointing at the record that caused it (<paramref name="source"/>; null when the
    /// engine found none). The engine writes these in bulk; this keeps the rules of a new warning in one place.
    /// </summary>
    public static Warning Raise(Guid clientId, ClientGrade grade, RuleFinding finding, WarningSource? source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var warning = new Warning
        {
            Id = Guid.CreateVersion7(now),
            ClientId = clientId,
            Family = finding.Family,
            Rule = finding.Rule,
            Severity = WarningRules.SeverityOf(finding.Family, grade),
            State = WarningState.Open,
            Evidence = finding.Evidence,
            SourceKind = source?.Kind,
            SourceProjectId = source?.ProjectId,
            SourceRecordId = source?.RecordId,
            RaisedAt = now,
            EvidenceAt = now,
            UpdatedAt = now,
        };
        warning.Record(WarningEventKind.Raised, null, now, null);
        warning.AddDomainEvent(new WarningRaised(warning.Id, clientId, finding.Rule, finding.Family, warning.Severity, now));
        return warning;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public WarningFamily Family { get; private set; }

    /// <summary>The rule that raised it; null for a warning filed by hand.</summary>
    public WarningRule? Rule { get; private set; }

    public WarningSeverity Severity { get; private set; }
    public WarningState State { get; private set; }

    /// <summary>The short text of the warning column; null for rule warnings, whose rule and figures say it.</summary>
    public string? Summary { get; private set; }

    /// <summary>The detailed report (详细报告), plain paragraphs.</summary>
    public string? Report { get; private set; }

    public IReadOnlyList<WarningFigure> Evidence { get; private set; } = [];

    /// <summary>What the record that caused a rule warning is (see <see cref="Source"/>); null for a warning filed by hand.</summary>
    public WarningSourceKind? SourceKind { get; private set; }

    public Guid? SourceProjectId { get; private set; }
    public Guid? SourceRecordId { get; private set; }

    /// <summary>The incident, batch or card change that caused a rule warning; null for one filed by hand.</summary>
    public WarningSource? Source => SourceKind is { } kind ? new WarningSource(kind, SourceProjectId, SourceRecordId) : null;

    public DateTimeOffset RaisedAt { get; private set; }
    public string? RaisedById { get; private set; }
    public string? RaisedByName { get; private set; }

    /// <summary>When the engine last changed the figures.</summary>
    public DateTimeOffset? EvidenceAt { get; private set; }

    /// <summary>Set when the rule no longer holds: a person still closes the warning, saying what was done.</summary>
    public DateTimeOffset? ConditionClearedAt { get; private set; }

    /// <summary>When the warning went to the leaders because nobody acknowledged it in time.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>The actions the department head set when acknowledging.</summary>
    public string? Actions { get; private set; }

    public string? Cause { get; private set; }
    public string? Measures { get; private set; }
    public string? DismissReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<WarningEvent> Events => _events;

    public bool IsClosed => !IsOpenState(State);

    /// <summary>
    /// The review workflow (SPEC §7) as its table: open → acknowledged → investigating → resolved or dismissed, steps for
    /// department heads and leaders; the report (while open) and notes (always) for anyone who sees the warning. An open
    /// warning nobody acknowledged in time goes to the leaders.
    /// </summary>
    public static WorkflowTable<WarningState, WarningAction> Review { get; } = ReviewTable();

    /// <summary>"The warning is open", for queries and the partial indexes; <see cref="IsOpenState"/> is the same rule in memory.</summary>
    public static Expression<Func<Warning, bool>> IsOpen { get; } = Review.IsOpenWhere<Warning>(w => w.State);

    public static bool IsOpenState(WarningState state) => Review.IsOpen(state);

    /// <summary>What this person may do with the warning now: the forms the page shows.</summary>
    /// <param name="findings">The rules that hold for the client now (see <see cref="StillHolds"/>).</param>
    public IReadOnlyList<WarningAction> ActionsFor(WarningActor actor, IReadOnlyList<RuleFinding> findings) =>
        Review.ActionsFor(State, PartiesOf(actor), HeldOpenBy(findings));

    public bool May(WarningAction action, WarningActor actor, IReadOnlyList<RuleFinding> findings) =>
        Review.May(State, action, PartiesOf(actor), HeldOpenBy(findings));

    /// <summary>
    /// Whether the rule that raised this warning holds in <paramref name="findings"/>: what <see cref="WarningRules.Evaluate"/>
    /// gives for the client now. Never for a warning filed by hand, which no rule can see.
    /// </summary>
    public bool StillHolds(IReadOnlyList<RuleFinding> findings) => Rule is { } rule && WarningRules.Holds(rule, findings);

    /// <summary>Takes <paramref name="action"/> with the texts the person wrote; each action reads its own.</summary>
    public void Take(WarningAction action, WarningActor actor, WarningTexts texts, IReadOnlyList<RuleFinding> findings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(texts);
        switch (action)
        {
            case WarningAction.Acknowledge:
                Acknowledge(actor, texts.Actions, now);
                break;
            case WarningAction.Investigate:
                StartInvestigation(actor, texts.InvestigationNote, now);
                break;
            case WarningAction.Resolve:
                Resolve(actor, texts.Cause, texts.Measures, findings, now);
                break;
            case WarningAction.Dismiss:
                Dismiss(actor, texts.DismissReason, findings, now);
                break;
            case WarningAction.Report:
                WriteReport(actor, texts.Report, now);
                break;
            case WarningAction.Note:
                AddNote(actor, texts.Note, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not an action of the warning's review.");
        }
    }

    /// <summary>The department head (or a leader) has read it and says what is to be done.</summary>
    public void Acknowledge(WarningActor actor, string? actions, DateTimeOffset now)
    {
        var step = Review.Take(State, WarningAction.Acknowledge, As(actor), actions, now);
        Actions = step.Comment;
        AcknowledgedAt = now;
        Enter(step, WarningEventKind.Acknowledged, step.Comment);
    }

    public void StartInvestigation(WarningActor actor, string? note, DateTimeOffset now)
    {
        var step = Review.Take(State, WarningAction.Investigate, As(actor), note, now);
        Enter(step, WarningEventKind.InvestigationStarted, step.Comment);
    }

    /// <summary>
    /// Closes the warning with what caused it and what was done (seed 000: 弄清原因，研究对策). A rule warning whose rule still holds
    /// in <paramref name="findings"/> (the rules evaluated for the client now) is refused: closing it would leave the warning
    /// column saying nothing is open while the wages are still unpaid. Its cause is dealt with first.
    /// </summary>
    public void Resolve(WarningActor actor, string? cause, string? measures, IReadOnlyList<RuleFinding> findings, DateTimeOffset now)
    {
        var step = Review.Take(State, WarningAction.Resolve, As(actor), null, now, HeldOpenBy(findings));
        var c = Required(cause, MaxTextLength, "Warnings.CauseRequired", "Warnings.TextTooLong", nameof(Cause));
        var m = Required(measures, MaxTextLength, "Warnings.MeasuresRequired", "Warnings.TextTooLong", nameof(Measures));
        Cause = c;
        Measures = m;
        ClosedAt = now;
        Enter(step, WarningEventKind.Resolved, null);
    }

    /// <summary>
    /// Closes a warning that needs no action (a false alarm, a duplicate), with the reason. A rule warning whose rule still holds
    /// is refused as in <see cref="Resolve"/>: a false alarm of a rule comes from wrong data, which is corrected instead.
    /// </summary>
    public void Dismiss(WarningActor actor, string? reason, IReadOnlyList<RuleFinding> findings, DateTimeOffset now)
    {
        var step = Review.Take(State, WarningAction.Dismiss, As(actor), reason, now, HeldOpenBy(findings));
        DismissReason = step.Comment;
        ClosedAt = now;
        Enter(step, WarningEventKind.Dismissed, step.Comment);
    }

    /// <summary>Anyone who sees the warning may write or rewrite the detailed report while it is open.</summary>
    public void WriteReport(WarningActor actor, string? report, DateTimeOffset now)
    {
        var step = Review.Take(State, WarningAction.Report, As(actor), null, now);
        Report = Required(report, MaxTextLength, "Warnings.ReportRequired", "Warnings.ReportTooLong", nameof(Report));
        Enter(step, WarningEventKind.ReportWritten, null);
    }

    /// <summary>
    /// A line on the timeline: what someone found out, did or was told. Allowed after closing too: a follow-up (the
    /// employer paid the rest, the embassy replied) belongs with the warning, and a note changes no outcome.
    /// </summary>
    public void AddNote(WarningActor actor, string? note, DateTimeOffset now)
    {
        var step = Review.Take(State, WarningAction.Note, As(actor), note, now);
        Enter(step, WarningEventKind.NoteAdded, step.Comment);
    }

    /// <summary>
    /// SPEC §7: an open warning nobody acknowledged within <paramref name="afterDays"/> days goes to the leaders, once. The
    /// engine escalates with <see cref="DueForEscalation"/>, the same rule as a query.
    /// </summary>
    public static bool IsDueForEscalation(WarningState state, DateTimeOffset raisedAt, DateTimeOffset? escalatedAt, DateTimeOffset now, int afterDays) =>
        Review.IsDueForEscalation(state, raisedAt, escalatedAt, EscalationCutoff(now, afterDays));

    /// <summary>
    /// The warnings due for escalation at <paramref name="cutoff"/> (<see cref="EscalationCutoff"/>), as a query. The step with a
    /// due time is the first one (open), so the warning has been in it since it was raised.
    /// </summary>
    public static Expression<Func<Warning, bool>> DueForEscalation(DateTimeOffset cutoff) =>
        Review.DueForEscalationWhere<Warning>(w => w.State, w => w.RaisedAt, w => w.EscalatedAt, cutoff);

    /// <summary>Warnings raised at or before this moment are overdue for acknowledgement.</summary>
    public static DateTimeOffset EscalationCutoff(DateTimeOffset now, int afterDays) => now.AddDays(-afterDays);

    /// <summary>
    /// When a warning raised at <paramref name="raisedAt"/> must be acknowledged by: later, it is escalated. The same number
    /// of days for every warning, so the earliest raised is the most urgent.
    /// </summary>
    public static DateTimeOffset AcknowledgementDue(DateTimeOffset raisedAt, int afterDays) => raisedAt.AddDays(afterDays);

    private static WorkflowTable<WarningState, WarningAction> ReviewTable()
    {
        const Parties reviewers = Parties.DepartmentHead | Parties.Leader;
        WarningState[] open = [WarningState.Open, WarningState.Acknowledged, WarningState.Investigating];
        return new WorkflowTable<WarningState, WarningAction>("Warnings", MaxTextLength)
            .Allow(WarningState.Open, WarningAction.Acknowledge, reviewers, WarningState.Acknowledged, CommentRule.Required(nameof(Actions)))
            .Allow(WarningState.Acknowledged, WarningAction.Investigate, reviewers, WarningState.Investigating, CommentRule.Optional("InvestigationNote"))
            .Allow([WarningState.Acknowledged, WarningState.Investigating], WarningAction.Resolve, reviewers, WarningState.Resolved)
            .Allow(open, WarningAction.Dismiss, reviewers, WarningState.Dismissed, CommentRule.Required(nameof(DismissReason)))
            .Stay(open, WarningAction.Report, Parties.AnyoneInScope)
            .Stay(Enum.GetValues<WarningState>(), WarningAction.Note, Parties.AnyoneInScope, CommentRule.Required("Note"))
            .Final(WarningState.Resolved, WarningState.Dismissed)
            // The owner carries out what the head decided, and hears how the warning on their client ended.
            .Tell(WarningAction.Acknowledge, Parties.Owner)
            .Tell(WarningAction.Resolve, Parties.Owner)
            .Tell(WarningAction.Dismiss, Parties.Owner)
            .DueIn(WarningState.Open, escalatesTo: Parties.Leader)
            .RefuseOthersWith(reviewers, "Warnings.ReviewersOnly");
    }

    private static Parties PartiesOf(WarningActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Parties;
    }

    private static WorkflowActor As(WarningActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.UserId, actor.Name, actor.Parties);
    }

    /// <summary>A rule warning stays open while its rule holds: closing it is refused until the cause is dealt with.</summary>
    private Func<WarningAction, DomainException?> HeldOpenBy(IReadOnlyList<RuleFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return action => action is WarningAction.Resolve or WarningAction.Dismiss && StillHolds(findings)
            ? new DomainException("Warnings.ConditionHolds", $"The {Rule} rule still holds for this client; deal with its cause before closing the warning.")
            : null;
    }

    private void Enter(WorkflowStep<WarningState, WarningAction> step, WarningEventKind kind, string? text)
    {
        State = step.To;
        Touch(kind, step.Actor, step.At, text);
        if (step.Tell != Parties.None)
        {
            AddDomainEvent(new WarningStepTaken(Id, ClientId, step.Action, step.To, step.Tell, step.Actor.UserId, step.At));
        }
    }

    private void Touch(WarningEventKind kind, WorkflowActor actor, DateTimeOffset now, string? text)
    {
        UpdatedAt = now;
        _events.Add(new WarningEvent(Id, kind, now, actor.UserId, actor.Name, text));
    }

    private void Record(WarningEventKind kind, WarningActor? actor, DateTimeOffset now, string? text) =>
        _events.Add(new WarningEvent(Id, kind, now, actor?.UserId, actor?.Name, text));

    private static string Required(string? value, int max, string missingCode, string tooLongCode, string field) =>
        WorkflowText.Required(value, max, missingCode, tooLongCode, field);

    private static string? Optional(string? value, string tooLongCode, string field) => WorkflowText.Optional(value, MaxTextLength, tooLongCode, field);
}

/// <summary>One line of a warning's timeline. Written by the workflow methods and, in bulk, by the engine; never changed.</summary>
public class WarningEvent : ITimelineLine
{
    private WarningEvent() { }

    public WarningEvent(Guid warningId, WarningEventKind kind, DateTimeOffset at, string? actorId, string? actorName, string? text)
    {
        Id = Guid.CreateVersion7(at);
        WarningId = warningId;
        Kind = kind;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid WarningId { get; private set; }

    Guid IClientRecordLine.RecordId => WarningId;

    /// <summary>For the access scope: a timeline line is visible exactly when its warning's client is.</summary>
    public Warning? Warning { get; private set; }

    public WarningEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Null when the engine did it.</summary>
    public string? ActorId { get; private set; }

    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
