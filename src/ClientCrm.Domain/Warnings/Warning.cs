using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Warnings;

/// <summary>The person acting on a warning, with the roles the workflow asks about.</summary>
public sealed record WarningActor(string UserId, string Name, bool IsLeader, bool IsDepartmentHead)
{
    public bool Reviews => IsLeader || IsDepartmentHead;
}

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
            throw new DomainException("Warnings.FamilyRequired", "A warning needs a family.");
        }

        var warning = new Warning
        {
            Id = Guid.CreateVersion7(now),
            ClientId = client.Id,
            Family = family,
            Severity = WarningRules.SeverityOf(family, client.Grade),
            State = WarningState.Open,
            Summary = Required(summary, MaxSummaryLength, "Warnings.SummaryRequired", "Warnings.SummaryTooLong"),
            Report = Optional(report, "Warnings.ReportTooLong"),
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

    public bool IsClosed => State is WarningState.Resolved or WarningState.Dismissed;

    public static bool IsOpenState(WarningState state) => state is WarningState.Open or WarningState.Acknowledged or WarningState.Investigating;

    public bool MayAcknowledge(WarningActor actor) => Reviewer(actor) && State == WarningState.Open;

    public bool MayStartInvestigation(WarningActor actor) => Reviewer(actor) && State == WarningState.Acknowledged;

    /// <summary>
    /// Whether the rule that raised this warning holds in <paramref name="findings"/>: what <see cref="WarningRules.Evaluate"/>
    /// gives for the client now. Never for a warning filed by hand, which no rule can see.
    /// </summary>
    public bool StillHolds(IReadOnlyList<RuleFinding> findings) => Rule is { } rule && WarningRules.Holds(rule, findings);

    /// <summary>Resolving needs a reviewer, an acknowledged or investigated warning, and a condition that no longer holds.</summary>
    public bool MayResolve(WarningActor actor, IReadOnlyList<RuleFinding> findings) =>
        Reviewer(actor) && State is WarningState.Acknowledged or WarningState.Investigating && !StillHolds(findings);

    /// <summary>Dismissing needs a reviewer, an open warning, and a condition that no longer holds.</summary>
    public bool MayDismiss(WarningActor actor, IReadOnlyList<RuleFinding> findings) => Reviewer(actor) && !IsClosed && !StillHolds(findings);

    /// <summary>The department head (or a leader) has read it and says what is to be done.</summary>
    public void Acknowledge(WarningActor actor, string? actions, DateTimeOffset now)
    {
        Require(MayAcknowledge(actor), actor, "acknowledge");
        Actions = Required(actions, MaxTextLength, "Warnings.ActionsRequired", "Warnings.TextTooLong");
        State = WarningState.Acknowledged;
        AcknowledgedAt = now;
        Touch(WarningEventKind.Acknowledged, actor, now, Actions);
    }

    public void StartInvestigation(WarningActor actor, string? note, DateTimeOffset now)
    {
        Require(MayStartInvestigation(actor), actor, "start investigating");
        State = WarningState.Investigating;
        Touch(WarningEventKind.InvestigationStarted, actor, now, Optional(note, "Warnings.TextTooLong"));
    }

    /// <summary>
    /// Closes the warning with what caused it and what was done (seed 000: 弄清原因，研究对策). A rule warning whose rule still holds
    /// in <paramref name="findings"/> (the rules evaluated for the client now) is refused: closing it would leave the warning
    /// column saying nothing is open while the wages are still unpaid. Its cause is dealt with first.
    /// </summary>
    public void Resolve(WarningActor actor, string? cause, string? measures, IReadOnlyList<RuleFinding> findings, DateTimeOffset now)
    {
        Require(Reviewer(actor) && State is WarningState.Acknowledged or WarningState.Investigating, actor, "resolve");
        RefuseWhileHolding(findings);
        var c = Required(cause, MaxTextLength, "Warnings.CauseRequired", "Warnings.TextTooLong");
        var m = Required(measures, MaxTextLength, "Warnings.MeasuresRequired", "Warnings.TextTooLong");
        Cause = c;
        Measures = m;
        State = WarningState.Resolved;
        ClosedAt = now;
        Touch(WarningEventKind.Resolved, actor, now, null);
    }

    /// <summary>
    /// Closes a warning that needs no action (a false alarm, a duplicate), with the reason. A rule warning whose rule still holds
    /// is refused as in <see cref="Resolve"/>: a false alarm of a rule comes from wrong data, which is corrected instead.
    /// </summary>
    public void Dismiss(WarningActor actor, string? reason, IReadOnlyList<RuleFinding> findings, DateTimeOffset now)
    {
        Require(Reviewer(actor) && !IsClosed, actor, "dismiss");
        RefuseWhileHolding(findings);
        DismissReason = Required(reason, MaxTextLength, "Warnings.DismissReasonRequired", "Warnings.TextTooLong");
        State = WarningState.Dismissed;
        ClosedAt = now;
        Touch(WarningEventKind.Dismissed, actor, now, DismissReason);
    }

    /// <summary>Anyone who sees the warning may write or rewrite the detailed report while it is open.</summary>
    public void WriteReport(WarningActor actor, string? report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RefuseWhenClosed();
        Report = Required(report, MaxTextLength, "Warnings.ReportRequired", "Warnings.ReportTooLong");
        Touch(WarningEventKind.ReportWritten, actor, now, null);
    }

    /// <summary>
    /// A line on the timeline: what someone found out, did or was told. Allowed after closing too: a follow-up (the
    /// employer paid the rest, the embassy replied) belongs with the warning, and a note changes no outcome.
    /// </summary>
    public void AddNote(WarningActor actor, string? note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Touch(WarningEventKind.NoteAdded, actor, now, Required(note, MaxTextLength, "Warnings.NoteRequired", "Warnings.TextTooLong"));
    }

    /// <summary>
    /// SPEC §7: an open warning nobody acknowledged within <paramref name="afterDays"/> days goes to the leaders, once.
    /// The engine applies this to all warnings in one statement from <see cref="EscalationCutoff"/>.
    /// </summary>
    public static bool IsDueForEscalation(WarningState state, DateTimeOffset raisedAt, DateTimeOffset? escalatedAt, DateTimeOffset now, int afterDays) =>
        state == WarningState.Open && escalatedAt is null && raisedAt <= EscalationCutoff(now, afterDays);

    /// <summary>Warnings raised at or before this moment are overdue for acknowledgement.</summary>
    public static DateTimeOffset EscalationCutoff(DateTimeOffset now, int afterDays) => now.AddDays(-afterDays);

    /// <summary>
    /// When a warning raised at <paramref name="raisedAt"/> must be acknowledged by: later, it is escalated. The same number
    /// of days for every warning, so the earliest raised is the most urgent.
    /// </summary>
    public static DateTimeOffset AcknowledgementDue(DateTimeOffset raisedAt, int afterDays) => raisedAt.AddDays(afterDays);

    private static bool Reviewer(WarningActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Reviews;
    }

    private void Require(bool allowed, WarningActor actor, string what)
    {
        if (allowed)
        {
            return;
        }

        RefuseWhenClosed();
        if (!actor.Reviews)
        {
            throw new DomainException("Warnings.ReviewersOnly", $"Only department heads and leaders may {what} a warning.");
        }

        throw new DomainException("Warnings.WrongState", $"A warning that is {State} cannot {what}.");
    }

    private void RefuseWhileHolding(IReadOnlyList<RuleFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (StillHolds(findings))
        {
            throw new DomainException("Warnings.ConditionHolds", $"The {Rule} rule still holds for this client; deal with its cause before closing the warning.");
        }
    }

    private void RefuseWhenClosed()
    {
        if (IsClosed)
        {
            throw new DomainException("Warnings.Closed", "The warning is closed.");
        }
    }

    private void Touch(WarningEventKind kind, WarningActor? actor, DateTimeOffset now, string? text)
    {
        UpdatedAt = now;
        Record(kind, actor, now, text);
    }

    private void Record(WarningEventKind kind, WarningActor? actor, DateTimeOffset now, string? text) =>
        _events.Add(new WarningEvent(Id, kind, now, actor?.UserId, actor?.Name, text));

    private static string Required(string? value, int max, string missingCode, string tooLongCode)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException(missingCode, "A required text is missing.");
        }

        var trimmed = value.Trim();
        return trimmed.Length <= max ? trimmed : throw new DomainException(tooLongCode, "The text is too long.");
    }

    private static string? Optional(string? value, string tooLongCode) =>
        string.IsNullOrWhiteSpace(value) ? null
        : value.Trim().Length <= MaxTextLength ? value.Trim()
        : throw new DomainException(tooLongCode, "The text is too long.");
}

/// <summary>One line of a warning's timeline. Written by the workflow methods and, in bulk, by the engine; never changed.</summary>
public class WarningEvent
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

    /// <summary>For the access scope: a timeline line is visible exactly when its warning's client is.</summary>
    public Warning? Warning { get; private set; }

    public WarningEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Null when the engine did it.</summary>
    public string? ActorId { get; private set; }

    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
