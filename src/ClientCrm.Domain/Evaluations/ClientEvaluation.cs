using System.Linq.Expressions;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Evaluations;

/// <summary>
/// A new-client evaluation (新客户情况评估制, SPEC §5.2): before any business with a client, its owner writes up the client's
/// credit standing, the project's feasibility, the policies that apply, the development cost and the risk, with a
/// recommendation; the department head reviews it and the leaders decide after discussing it, recording the minutes and
/// who took part. Approval puts the client into operation (a handler of <see cref="EvaluationStepTaken"/>); a rejection
/// can be revised as a new round, and every round stays with the client.
/// </summary>
public class ClientEvaluation : RecordsDomainEvents, IClientRecord, IAuditable, IWorkflowItem
{
    public const int MaxTextLength = 8000;

    /// <summary>No development cost estimate reaches this (CNY); a larger figure is a typing error.</summary>
    public const decimal MaxDevelopmentCostCny = 1_000_000_000m;

    private readonly List<EvaluationEvent> _events = [];

    private ClientEvaluation() { }

    /// <summary>
    /// The flow (SPEC §5.2): draft → submitted (owner) → reviewed (head's opinion) → approved or rejected (leaders, with the
    /// minutes of their discussion). A head may return a submission to the owner. Where the department has no head, a
    /// leader is its head (<see cref="WorkflowParties.Of"/>). A step left waiting past its due time goes to the leaders.
    /// </summary>
    public static WorkflowTable<EvaluationState, EvaluationAction> Flow { get; } = FlowTable();

    /// <summary>"The evaluation is still going": for queries (the to-do list, the client page) and in memory alike.</summary>
    public static Expression<Func<ClientEvaluation, bool>> IsOpen { get; } = Flow.IsOpenWhere<ClientEvaluation>(e => e.State);

    /// <summary>The first round for a client: a draft of its owner (or of a head or leader who starts it for them).</summary>
    public static ClientEvaluation Start(Client client, WorkflowActor actor, DateTimeOffset now) => Begin(client?.Id ?? Guid.Empty, 1, actor, now, null);

    /// <summary>
    /// A new round from a decided one, its sections copied: a rejected evaluation revised and submitted again, or an approved
    /// one renewed (a client paused too long since, SPEC §5.2). A round still going is not revised: it is edited.
    /// </summary>
    public static ClientEvaluation Revise(ClientEvaluation rejected, WorkflowActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Flow.IsFinal(rejected.State))
        {
            throw new DomainException("Evaluations.ReviseOnlyDecided", "Only a decided evaluation is revised as a new round.");
        }

        if ((actor.Is & StartedBy) == 0)
        {
            throw new DomainException("Evaluations.NotAllowed", "Only the client's owner, its department head or a leader starts an evaluation.");
        }

        var next = Begin(rejected.ClientId, rejected.Round + 1, actor, now, rejected.Id);
        next.CopySections(rejected.Sections);
        return next;
    }

    /// <summary>Who may start an evaluation (or a new round of one).</summary>
    public const Parties StartedBy = Parties.Owner | Parties.DepartmentHead | Parties.Leader;

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }

    /// <summary>1 for the first evaluation of the client, one more for each revision of a rejected one.</summary>
    public int Round { get; private set; }

    /// <summary>The rejected round this one revises.</summary>
    public Guid? RevisesId { get; private set; }

    public EvaluationState State { get; private set; }

    /// <summary>When the evaluation entered its state: a step's due time counts from here.</summary>
    public DateTimeOffset StateSince { get; private set; }

    /// <summary>When the step now waiting went to the leaders for being overdue; cleared by the next step.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public string? CreditStanding { get; private set; }
    public string? ProjectFeasibility { get; private set; }
    public string? ApplicablePolicies { get; private set; }
    public decimal? DevelopmentCostCny { get; private set; }
    public RiskLevel? Risk { get; private set; }
    public string? RiskReasons { get; private set; }
    public string? Recommendation { get; private set; }

    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedByName { get; private set; }

    /// <summary>The department head's opinion (部门意见).</summary>
    public string? HeadOpinion { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedByName { get; private set; }

    /// <summary>The minutes of the leaders' discussion (讨论纪要), and who took part.</summary>
    public string? DecisionMinutes { get; private set; }

    public string? DecisionParticipants { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<EvaluationEvent> Events => _events;

    public EvaluationSections Sections => new()
    {
        CreditStanding = CreditStanding, ProjectFeasibility = ProjectFeasibility, ApplicablePolicies = ApplicablePolicies,
        DevelopmentCostCny = DevelopmentCostCny, Risk = Risk, RiskReasons = RiskReasons, Recommendation = Recommendation,
    };

    public bool IsApproved => State == EvaluationState.Approved;

    /// <summary>What a person who is <paramref name="actor"/> to this evaluation may do now: the forms the page shows.</summary>
    public IReadOnlyList<EvaluationAction> ActionsFor(Parties actor) => Flow.ActionsFor(State, actor);

    /// <summary>Rewrites the sections of a draft. Nothing is checked for completeness until it is submitted.</summary>
    public void Edit(EvaluationSections sections, WorkflowActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sections);
        Flow.Take(State, EvaluationAction.Edit, actor, null, now);
        CopySections(sections);
        UpdatedAt = now;
    }

    /// <summary>Hands the draft to the department head. Every section must be written (the field named is the first missing).</summary>
    public void Submit(WorkflowActor actor, DateTimeOffset now)
    {
        var step = Flow.Take(State, EvaluationAction.Submit, actor, null, now, _ => MissingSection());
        SubmittedAt = now;
        SubmittedByName = step.Actor.Name;
        Enter(step, EvaluationEventKind.Submitted, null);
    }

    /// <summary>The head sends the submission back to the owner, saying what is missing.</summary>
    public void Return(WorkflowActor actor, string? reason, DateTimeOffset now)
    {
        var step = Flow.Take(State, EvaluationAction.Return, actor, reason, now);
        Enter(step, EvaluationEventKind.Returned, step.Comment);
    }

    /// <summary>The head's opinion (部门意见), which forwards the evaluation to the leaders.</summary>
    public void Review(WorkflowActor actor, string? opinion, DateTimeOffset now)
    {
        var step = Flow.Take(State, EvaluationAction.Review, actor, opinion, now);
        HeadOpinion = step.Comment;
        ReviewedAt = now;
        ReviewedByName = step.Actor.Name;
        Enter(step, EvaluationEventKind.Reviewed, step.Comment);
    }

    /// <summary>The leaders' decision after discussion: approved or rejected, with the minutes and who took part.</summary>
    public void Decide(bool approve, WorkflowActor actor, string? minutes, string? participants, DateTimeOffset now)
    {
        var action = approve ? EvaluationAction.Approve : EvaluationAction.Reject;
        var step = Flow.Take(State, action, actor, minutes, now, _ => string.IsNullOrWhiteSpace(participants)
            ? new DomainException("Evaluations.ParticipantsRequired", "Name who took part in the discussion.", nameof(DecisionParticipants))
            : participants.Trim().Length > 1000
                ? new DomainException("Evaluations.TextTooLong", "The text is too long.", nameof(DecisionParticipants))
                : null);
        DecisionMinutes = step.Comment;
        DecisionParticipants = participants!.Trim();
        DecidedAt = now;
        DecidedById = step.Actor.UserId;
        DecidedByName = step.Actor.Name;
        Enter(step, approve ? EvaluationEventKind.Approved : EvaluationEventKind.Rejected, step.Comment);
    }

    /// <summary>A line on the timeline: what someone found out or was told. Allowed in every state.</summary>
    public void AddNote(WorkflowActor actor, string? note, DateTimeOffset now)
    {
        var step = Flow.Take(State, EvaluationAction.Note, actor, note, now);
        UpdatedAt = now;
        _events.Add(new EvaluationEvent(Id, EvaluationEventKind.NoteAdded, now, step.Actor.UserId, step.Actor.Name, step.Comment));
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
        _events.Add(new EvaluationEvent(Id, EvaluationEventKind.Escalated, now, null, null, null));
    }

    /// <summary>"Left past due", as a query: the step now waiting has a due time, and the evaluation entered it at or before <paramref name="cutoff"/>.</summary>
    public static Expression<Func<ClientEvaluation, bool>> DueForEscalation(DateTimeOffset cutoff) =>
        Flow.DueForEscalationWhere<ClientEvaluation>(e => e.State, e => e.StateSince, e => e.EscalatedAt, cutoff);

    /// <summary>The first section a submission still lacks, as a refusal naming its field; null when all are written.</summary>
    public DomainException? MissingSection()
    {
        static DomainException Missing(string field) => new($"Evaluations.{field}Required", $"{field} is required before submitting.", field);
        return string.IsNullOrWhiteSpace(CreditStanding) ? Missing(nameof(CreditStanding))
            : string.IsNullOrWhiteSpace(ProjectFeasibility) ? Missing(nameof(ProjectFeasibility))
            : string.IsNullOrWhiteSpace(ApplicablePolicies) ? Missing(nameof(ApplicablePolicies))
            : DevelopmentCostCny is null ? Missing(nameof(DevelopmentCostCny))
            : Risk is null ? Missing(nameof(Risk))
            : string.IsNullOrWhiteSpace(RiskReasons) ? Missing(nameof(RiskReasons))
            : string.IsNullOrWhiteSpace(Recommendation) ? Missing(nameof(Recommendation))
            : null;
    }

    private static ClientEvaluation Begin(Guid clientId, int round, WorkflowActor actor, DateTimeOffset now, Guid? revises)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (clientId == Guid.Empty)
        {
            throw new ArgumentException("An evaluation belongs to a client.", nameof(clientId));
        }

        if ((actor.Is & StartedBy) == 0)
        {
            throw new DomainException("Evaluations.NotAllowed", "Only the client's owner, its department head or a leader starts an evaluation.");
        }

        var evaluation = new ClientEvaluation
        {
            Id = Guid.CreateVersion7(now),
            ClientId = clientId,
            Round = round,
            RevisesId = revises,
            State = EvaluationState.Draft,
            StateSince = now,
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        evaluation._events.Add(new EvaluationEvent(evaluation.Id, revises is null ? EvaluationEventKind.Started : EvaluationEventKind.Revised, now,
            actor.UserId, actor.Name, null));
        return evaluation;
    }

    private void CopySections(EvaluationSections s)
    {
        CreditStanding = Text(s.CreditStanding, nameof(CreditStanding));
        ProjectFeasibility = Text(s.ProjectFeasibility, nameof(ProjectFeasibility));
        ApplicablePolicies = Text(s.ApplicablePolicies, nameof(ApplicablePolicies));
        if (s.DevelopmentCostCny is < 0 or >= MaxDevelopmentCostCny)
        {
            throw new DomainException("Evaluations.CostOutOfRange", "The development cost is out of range.", nameof(DevelopmentCostCny));
        }

        DevelopmentCostCny = s.DevelopmentCostCny is { } cost ? decimal.Round(cost, 2) : null;
        if (s.Risk is { } risk && !Enum.IsDefined(risk))
        {
            throw new DomainException("Evaluations.RiskUnknown", "Not a risk level.", nameof(Risk));
        }

        Risk = s.Risk;
        RiskReasons = Text(s.RiskReasons, nameof(RiskReasons));
        Recommendation = Text(s.Recommendation, nameof(Recommendation));
    }

    private static string? Text(string? value, string field) => WorkflowText.Optional(value, MaxTextLength, "Evaluations.TextTooLong", field);

    private void Enter(WorkflowStep<EvaluationState, EvaluationAction> step, EvaluationEventKind kind, string? text)
    {
        State = step.To;
        StateSince = step.At;
        EscalatedAt = null;
        UpdatedAt = step.At;
        _events.Add(new EvaluationEvent(Id, kind, step.At, step.Actor.UserId, step.Actor.Name, text));
        AddDomainEvent(new EvaluationStepTaken(Id, ClientId, step.Action, step.To, step.Tell, step.Actor.UserId, step.At));
    }

    private static WorkflowTable<EvaluationState, EvaluationAction> FlowTable() =>
        new WorkflowTable<EvaluationState, EvaluationAction>("Evaluations", MaxTextLength)
            .Stay([EvaluationState.Draft], EvaluationAction.Edit, Parties.Owner | Parties.DepartmentHead)
            .Allow(EvaluationState.Draft, EvaluationAction.Submit, Parties.Owner | Parties.DepartmentHead, EvaluationState.Submitted)
            .Allow(EvaluationState.Submitted, EvaluationAction.Return, Parties.DepartmentHead, EvaluationState.Draft, CommentRule.Required("ReturnReason"))
            .Allow(EvaluationState.Submitted, EvaluationAction.Review, Parties.DepartmentHead, EvaluationState.Reviewed, CommentRule.Required(nameof(HeadOpinion)))
            .Allow(EvaluationState.Reviewed, EvaluationAction.Approve, Parties.Leader, EvaluationState.Approved, CommentRule.Required(nameof(DecisionMinutes)))
            .Allow(EvaluationState.Reviewed, EvaluationAction.Reject, Parties.Leader, EvaluationState.Rejected, CommentRule.Required(nameof(DecisionMinutes)))
            .Stay(Enum.GetValues<EvaluationState>(), EvaluationAction.Note, Parties.AnyoneInScope, CommentRule.Required("Note"))
            .Final(EvaluationState.Approved, EvaluationState.Rejected)
            // The head reviews what the owner submitted, the leaders decide what the head reviewed, and the owner hears of a
            // return and of the decision.
            .Tell(EvaluationAction.Submit, Parties.DepartmentHead)
            .Tell(EvaluationAction.Review, Parties.Leader)
            .Tell(EvaluationAction.Return, Parties.Owner)
            .Tell(EvaluationAction.Approve, Parties.Owner | Parties.DepartmentHead)
            .Tell(EvaluationAction.Reject, Parties.Owner | Parties.DepartmentHead)
            .DueIn(EvaluationState.Submitted, escalatesTo: Parties.Leader)
            .DueIn(EvaluationState.Reviewed, escalatesTo: Parties.Leader)
            .RefuseOthersWith(Parties.Leader, "Evaluations.LeadersOnly")
            .RefuseOthersWith(Parties.DepartmentHead, "Evaluations.HeadsOnly");
}

/// <summary>One line of an evaluation's timeline; never changed.</summary>
public class EvaluationEvent : ITimelineLine
{
    private EvaluationEvent() { }

    public EvaluationEvent(Guid evaluationId, EvaluationEventKind kind, DateTimeOffset at, string? actorId, string? actorName, string? text)
    {
        Id = Guid.CreateVersion7(at);
        EvaluationId = evaluationId;
        Kind = kind;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid EvaluationId { get; private set; }

    Guid IClientRecordLine.RecordId => EvaluationId;

    /// <summary>For the access scope: a line is visible exactly when its evaluation's client is.</summary>
    public ClientEvaluation? Evaluation { get; private set; }

    public EvaluationEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
