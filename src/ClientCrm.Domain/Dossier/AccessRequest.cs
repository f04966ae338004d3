using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Dossier;

/// <summary>The periods of access requests, from the leaders' settings: what a request asks for by default, and the longest a leader grants.</summary>
public sealed record AccessPeriods(int DefaultDays, int MaxDays);

/// <summary>
/// An access request (调阅申请, SPEC §1 and §6: the dossier is a business secret, "nobody uses it without a leader's
/// approval"): someone who does not own the client, head its department or lead the company asks to read a client's card
/// and dossier, naming the purpose and the days wanted; a leader approves it for a period (at most the settings' longest,
/// 30 days) or refuses it, with a comment; an approved request may be revoked. While approved and before <see
/// cref="GrantedUntil"/> it grants read access (<see cref="GrantsAt"/>); nothing else does.
/// </summary>
/// <remarks>
/// Not an <see cref="Clients.IClientRecord"/>: its requester cannot see the client, so the client scope filter would hide
/// their own request from them. Who sees a request is its own rule, <see cref="VisibleTo"/>: the requester their own, the
/// leaders all. It identifies its client by id only; the requester reads the name they typed (<see cref="NamedAs"/>).
/// </remarks>
public class AccessRequest : RecordsDomainEvents, IAuditable
{
    public const int MaxTextLength = 2000;
    public const int MaxNameLength = 200;

    /// <summary>The period asked for unless the settings say otherwise.</summary>
    public const int DefaultDays = 7;

    /// <summary>The longest period any setting allows (issue 13: at most 30 days).</summary>
    public const int LongestDays = 30;

    private readonly List<AccessRequestEvent> _events = [];

    private AccessRequest() { }

    /// <summary>
    /// Only leaders decide (approve, refuse, revoke), so nothing waits for anyone below them and nothing escalates: the table
    /// has no due steps (the leaders' to-do list shows what waits, oldest first).
    /// </summary>
    public static WorkflowTable<AccessRequestState, AccessRequestAction> Flow { get; } = FlowTable();

    /// <summary>Waiting for a leader's decision: the to-do list and the "waiting" tab.</summary>
    public static Expression<Func<AccessRequest, bool>> IsWaiting { get; } = r => r.State == AccessRequestState.Submitted;

    /// <summary>
    /// The requests <paramref name="scope"/> may see: a leader all, anyone else their own. A query reads it with
    /// <c>Where(AccessRequest.VisibleTo(scope))</c> — explicitly, as the type is no client record and carries no filter.
    /// </summary>
    public static Expression<Func<AccessRequest, bool>> VisibleTo(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsLeader)
        {
            return _ => true;
        }

        var me = scope.UserId ?? "";
        return r => r.RequesterId == me;
    }

    /// <summary>
    /// Files a request. <paramref name="hasStanding"/>: the requester already reads the client (owner, head, leader) and
    /// needs no request; <paramref name="hasOpenRequest"/>: they have one waiting or in force for this client already.
    /// </summary>
    public static AccessRequest Submit(Guid clientId, AccessScope requester, string requesterName, string? namedAs, string? purpose, int? days,
        AccessPeriods periods, bool hasStanding, bool hasOpenRequest, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(periods);
        if (requester.UserId is not { } requesterId || requester.Level is not (ScopeLevel.Own or ScopeLevel.Department))
        {
            // Leaders read every dossier by their standing; an administrator reads none and asks for none.
            throw new DomainException("AccessRequests.NotAllowed", "Only staff and department heads request access to a client's dossier.");
        }

        if (hasStanding)
        {
            throw new DomainException("AccessRequests.AlreadyReadable", "You already read this client's dossier.");
        }

        if (hasOpenRequest)
        {
            throw new DomainException("AccessRequests.AlreadyRequested", "You have a request for this client waiting or in force.");
        }

        var request = new AccessRequest
        {
            Id = Guid.CreateVersion7(now),
            ClientId = clientId,
            RequesterId = requesterId,
            RequesterName = requesterName,
            RequesterDepartmentId = requester.DepartmentId,
            NamedAs = WorkflowText.Optional(namedAs, MaxNameLength, "AccessRequests.TextTooLong", nameof(NamedAs)),
            Purpose = WorkflowText.Required(purpose, MaxTextLength, "AccessRequests.PurposeRequired", "AccessRequests.TextTooLong", nameof(Purpose)),
            DaysWanted = Period(days ?? periods.DefaultDays, periods, nameof(DaysWanted)),
            State = AccessRequestState.Submitted,
            StateSince = now,
            SubmittedAt = now,
            UpdatedAt = now,
        };
        request._events.Add(new AccessRequestEvent(request.Id, AccessRequestEventKind.Submitted, now, requesterId, requesterName, request.Purpose));
        request.AddDomainEvent(new AccessRequestStepTaken(request.Id, null, AccessRequestState.Submitted, requesterId, now));
        return request;
    }

    public Guid Id { get; private set; }

    /// <summary>The readable number (#n), from a database sequence; the use log names the request by it.</summary>
    public long Number { get; private set; }

    public Guid ClientId { get; private set; }
    public string RequesterId { get; private set; } = "";
    public string RequesterName { get; private set; } = "";
    public int? RequesterDepartmentId { get; private set; }

    /// <summary>The client's name as the requester gave it (from their existence check); what the requester's lists show.</summary>
    public string? NamedAs { get; private set; }

    public string Purpose { get; private set; } = "";
    public int DaysWanted { get; private set; }
    public AccessRequestState State { get; private set; }
    public DateTimeOffset StateSince { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The leader's comment on the decision (required for a refusal).</summary>
    public string? DecisionComment { get; private set; }

    public int? DaysGranted { get; private set; }

    /// <summary>The end of the granted period: the decision's moment plus the days granted on the company's wall clock.</summary>
    public DateTimeOffset? GrantedUntil { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedByName { get; private set; }
    public string? RevokeReason { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<AccessRequestEvent> Events => _events;

    /// <summary>"Grants read access at <paramref name="now"/>": approved, not revoked, and its period not over.</summary>
    public static Expression<Func<AccessRequest, bool>> GrantsAt(DateTimeOffset now) =>
        r => r.State == AccessRequestState.Approved && r.GrantedUntil > now;

    private static readonly Func<AccessRequest, DateTimeOffset, bool> Grants = (r, now) => r.State == AccessRequestState.Approved && r.GrantedUntil > now;

    public bool IsInForce(DateTimeOffset now) => Grants(this, now);

    /// <summary>Approved, but the period is over.</summary>
    public bool HasExpired(DateTimeOffset now) => State == AccessRequestState.Approved && GrantedUntil <= now;

    public IReadOnlyList<AccessRequestAction> ActionsFor(Parties actor, DateTimeOffset now) => Flow.ActionsFor(State, actor, a => Check(a, now));

    /// <summary>
    /// A leader grants the request for <paramref name="days"/> (1 to the settings' longest; by default the days wanted), from
    /// now until the same wall-clock time that many days later in the company's zone.
    /// </summary>
    public void Approve(WorkflowActor leader, int? days, string? comment, AccessPeriods periods, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        var step = Flow.Take(State, AccessRequestAction.Approve, leader, comment, now);
        var granted = Period(days ?? DaysWanted, periods, nameof(DaysGranted));
        DaysGranted = granted;
        GrantedUntil = clock.AddDays(now, granted);
        Decide(step);
        Enter(step, AccessRequestEventKind.Approved, step.Comment);
    }

    public void Refuse(WorkflowActor leader, string? comment, DateTimeOffset now)
    {
        var step = Flow.Take(State, AccessRequestAction.Refuse, leader, comment, now);
        Decide(step);
        Enter(step, AccessRequestEventKind.Refused, step.Comment);
    }

    /// <summary>A leader ends a grant before its time, with the reason. A grant that has ended by itself needs no revoking.</summary>
    public void Revoke(WorkflowActor leader, string? reason, DateTimeOffset now)
    {
        var step = Flow.Take(State, AccessRequestAction.Revoke, leader, reason, now, a => Check(a, now));
        RevokedAt = now;
        RevokedByName = step.Actor.Name;
        RevokeReason = step.Comment;
        Enter(step, AccessRequestEventKind.Revoked, step.Comment);
    }

    private DomainException? Check(AccessRequestAction action, DateTimeOffset now) =>
        action == AccessRequestAction.Revoke && HasExpired(now)
            ? new DomainException("AccessRequests.AlreadyExpired", "The granted period is over already.")
            : null;

    private void Decide(WorkflowStep<AccessRequestState, AccessRequestAction> step)
    {
        DecidedById = step.Actor.UserId;
        DecidedByName = step.Actor.Name;
        DecidedAt = step.At;
        DecisionComment = step.Comment;
    }

    private void Enter(WorkflowStep<AccessRequestState, AccessRequestAction> step, AccessRequestEventKind kind, string? text)
    {
        State = step.To;
        StateSince = step.At;
        UpdatedAt = step.At;
        _events.Add(new AccessRequestEvent(Id, kind, step.At, step.Actor.UserId, step.Actor.Name, text));
        AddDomainEvent(new AccessRequestStepTaken(Id, step.Action, step.To, step.Actor.UserId, step.At));
    }

    private static int Period(int days, AccessPeriods periods, string field) =>
        days >= 1 && days <= Math.Min(periods.MaxDays, LongestDays)
            ? days
            : throw new DomainException("AccessRequests.DaysOutOfRange", $"Between 1 and {periods.MaxDays} days.", field);

    private static WorkflowTable<AccessRequestState, AccessRequestAction> FlowTable() =>
        new WorkflowTable<AccessRequestState, AccessRequestAction>("AccessRequests", MaxTextLength)
            .Allow(AccessRequestState.Submitted, AccessRequestAction.Approve, Parties.Leader, AccessRequestState.Approved, CommentRule.Optional(nameof(DecisionComment)))
            .Allow(AccessRequestState.Submitted, AccessRequestAction.Refuse, Parties.Leader, AccessRequestState.Refused, CommentRule.Required(nameof(DecisionComment)))
            .Allow(AccessRequestState.Approved, AccessRequestAction.Revoke, Parties.Leader, AccessRequestState.Revoked, CommentRule.Required(nameof(RevokeReason)))
            .Final(AccessRequestState.Refused, AccessRequestState.Revoked)
            .RefuseOthersWith(Parties.Leader, "AccessRequests.LeadersOnly");
}

/// <summary>
/// A step of an access request (its filing, <paramref name="Action"/> null): the leaders are told of a new request, the
/// requester of the decision and of a revocation. Whoever acted is never told.
/// </summary>
public sealed record AccessRequestStepTaken(Guid RequestId, AccessRequestAction? Action, AccessRequestState To, string ActorId, DateTimeOffset OccurredAt)
    : IDomainEvent;

/// <summary>A line of an access request's timeline; no client record line, as the request is none (see <see cref="AccessRequest"/>).</summary>
public class AccessRequestEvent : IWorkflowLine
{
    private AccessRequestEvent() { }

    public AccessRequestEvent(Guid requestId, AccessRequestEventKind kind, DateTimeOffset at, string? actorId, string? actorName, string? text)
    {
        Id = Guid.CreateVersion7(at);
        RequestId = requestId;
        Kind = kind;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public AccessRequest? Request { get; private set; }
    public AccessRequestEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
