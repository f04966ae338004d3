using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Workflows;

/// <summary>
/// A workflow written as its table: in which state who may take which action, where it leads, and whether it needs a
/// comment; which states are final; which steps are due and to whom they escalate. The domain takes every step through
/// <see cref="Take"/>, and the pages offer exactly <see cref="ActionsFor"/>, so what is shown and what is allowed cannot
/// drift apart. "Open" and "due for escalation" are read from the same table, as expressions a query, an index filter and
/// an in-memory check share.
/// </summary>
/// <remarks>
/// Refusals are <see cref="DomainException"/>s with codes under the table's prefix: <c>.Closed</c> (nothing of the kind
/// in a final state), the code named for the parties who may (<see cref="RefuseOthersWith"/>, else <c>.NotAllowed</c>),
/// <c>.WrongState</c>, then the item's own check (a rule that still holds, a check that must pass), then the comment:
/// <c>.{Field}Required</c> or <c>.TextTooLong</c>, naming the comment's field.
/// </remarks>
public sealed class WorkflowTable<TState, TAction>
    where TState : struct, Enum
    where TAction : struct, Enum
{
    private static readonly EqualityComparer<TState> SameState = EqualityComparer<TState>.Default;
    private static readonly EqualityComparer<TAction> SameAction = EqualityComparer<TAction>.Default;

    private readonly List<Transition<TState, TAction>> _transitions = [];
    private readonly HashSet<TState> _final = [];
    private readonly Dictionary<TState, Parties> _escalations = [];
    private readonly Dictionary<Parties, string> _refusalCodes = [];
    private readonly Dictionary<TAction, Parties> _tell = [];
    private Func<TState, bool>? _isOpen;
    private Func<TState, DateTimeOffset, DateTimeOffset?, DateTimeOffset, bool>? _isDue;

    public WorkflowTable(string codePrefix, int maxCommentLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(codePrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCommentLength);
        (CodePrefix, MaxCommentLength) = (codePrefix, maxCommentLength);
    }

    /// <summary>The resource prefix of this workflow's refusal codes (<c>Warnings</c> → <c>Warnings.WrongState</c>).</summary>
    public string CodePrefix { get; }

    public int MaxCommentLength { get; }

    public IReadOnlyList<Transition<TState, TAction>> Transitions => _transitions;

    // ---- Writing the table ----

    public WorkflowTable<TState, TAction> Allow(TState from, TAction action, Parties who, TState to, CommentRule? comment = null) =>
        Allow([from], action, who, to, comment);

    /// <summary>The same action from several states, to one state. A move back (rejected → revised) is a row like any other.</summary>
    public WorkflowTable<TState, TAction> Allow(IEnumerable<TState> from, TAction action, Parties who, TState to, CommentRule? comment = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (who == Parties.None)
        {
            throw new ArgumentException("A step nobody may take is not a step.", nameof(who));
        }

        foreach (var state in from)
        {
            if (_transitions.Any(t => SameState.Equals(t.From, state) && SameAction.Equals(t.Action, action)))
            {
                throw new InvalidOperationException($"{CodePrefix}: {action} from {state} is in the table twice.");
            }

            _transitions.Add(new(state, action, who, to, comment));
        }

        return this;
    }

    /// <summary>An action that adds to the item (a note, a report) and leaves it in its state.</summary>
    public WorkflowTable<TState, TAction> Stay(IEnumerable<TState> states, TAction action, Parties who, CommentRule? comment = null)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var state in states)
        {
            Allow(state, action, who, state, comment);
        }

        return this;
    }

    /// <summary>The states the item ends in. Every other state is open.</summary>
    public WorkflowTable<TState, TAction> Final(params TState[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        _final.UnionWith(states);
        _isOpen = null;
        return this;
    }

    /// <summary>An item left in <paramref name="state"/> past its due time goes to <paramref name="escalatesTo"/>, once.</summary>
    public WorkflowTable<TState, TAction> DueIn(TState state, Parties escalatesTo)
    {
        _escalations[state] = escalatesTo;
        _isDue = null;
        return this;
    }

    /// <summary>
    /// After <paramref name="action"/>, <paramref name="whom"/> are told: usually whoever acts next (the owner who carries out
    /// what the head decided, the head who reviews what staff submitted). The step carries them (<see
    /// cref="WorkflowStep{TState,TAction}.Tell"/>); the item records an event, and a handler sends the messages.
    /// </summary>
    public WorkflowTable<TState, TAction> Tell(TAction action, Parties whom)
    {
        if (!_transitions.Any(t => SameAction.Equals(t.Action, action)))
        {
            throw new InvalidOperationException($"{CodePrefix}: {action} is told to someone but is not in the table.");
        }

        _tell[action] = whom;
        return this;
    }

    /// <summary>The refusal code for someone who is not among <paramref name="who"/> (who may take the action at all).</summary>
    public WorkflowTable<TState, TAction> RefuseOthersWith(Parties who, string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _refusalCodes[who] = code;
        return this;
    }

    // ---- Reading it ----

    public bool IsFinal(TState state) => _final.Contains(state);

    /// <summary>Who is told after <paramref name="action"/> (<see cref="Tell"/>); none when nobody is.</summary>
    public Parties ToldAfter(TAction action) => _tell.GetValueOrDefault(action);

    /// <summary>Every state that is not final, in the enum's order.</summary>
    public IReadOnlyList<TState> OpenStates => Enum.GetValues<TState>().Where(s => !_final.Contains(s)).ToList();

    /// <summary>The states whose step has a due time.</summary>
    public IReadOnlyList<TState> DueStates => Enum.GetValues<TState>().Where(_escalations.ContainsKey).ToList();

    /// <summary>Whom an item left in <paramref name="state"/> past due goes to; none when the step has no due time.</summary>
    public Parties EscalatesTo(TState state) => _escalations.GetValueOrDefault(state);

    /// <summary>Whom an item in <paramref name="state"/> waits for: those who may move it on (notes and reports move nothing).</summary>
    public Parties NextActors(TState state) =>
        _transitions.Where(t => SameState.Equals(t.From, state) && t.MovesOn).Aggregate(Parties.None, (who, t) => who | t.Who);

    /// <summary>What a person who is <paramref name="actor"/> may do with an item in <paramref name="state"/> now, in the table's order.</summary>
    /// <param name="check">The item's own refusal of an action (a rule that still holds), or null when it has none.</param>
    public IReadOnlyList<TAction> ActionsFor(TState state, Parties actor, Func<TAction, DomainException?>? check = null) =>
        _transitions.Where(t => SameState.Equals(t.From, state) && (t.Who & actor) != 0 && check?.Invoke(t.Action) is null)
            .Select(t => t.Action)
            .ToList();

    public bool May(TState state, TAction action, Parties actor, Func<TAction, DomainException?>? check = null) =>
        Refusal(state, action, actor, check) is null;

    /// <summary>Why <paramref name="actor"/> may not take <paramref name="action"/> in <paramref name="state"/>; null when they may.</summary>
    public DomainException? Refusal(TState state, TAction action, Parties actor, Func<TAction, DomainException?>? check = null)
    {
        var moves = _transitions.Where(t => SameAction.Equals(t.Action, action)).ToList();
        var here = moves.Find(t => SameState.Equals(t.From, state));
        if (here is null && _final.Contains(state))
        {
            return new($"{CodePrefix}.Closed", $"Nothing can be done with an item that is {state}.");
        }

        var anyone = moves.Aggregate(Parties.None, (who, t) => who | t.Who);
        if ((anyone & actor) == 0)
        {
            return NotAllowed(anyone, action);
        }

        if (here is null)
        {
            return new($"{CodePrefix}.WrongState", $"An item that is {state} cannot take {action}.");
        }

        return (here.Who & actor) == 0 ? NotAllowed(here.Who, action) : check?.Invoke(action);
    }

    /// <summary>
    /// Takes the step, or refuses it (<see cref="Refusal"/>, then the comment). The table is pure: the item applies what the
    /// step says (its new state, its own fields) and adds the step to its timeline.
    /// </summary>
    public WorkflowStep<TState, TAction> Take(TState state, TAction action, WorkflowActor actor, string? comment, DateTimeOffset at,
        Func<TAction, DomainException?>? check = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Refusal(state, action, actor.Is, check) is { } refusal)
        {
            throw refusal;
        }

        var move = _transitions.Single(t => SameState.Equals(t.From, state) && SameAction.Equals(t.Action, action));
        return new(state, action, move.To, actor, at, Comment(move.Comment, comment), NextActors(move.To), ToldAfter(action));
    }

    // ---- The rules the queries share ----

    /// <summary>"The item is open": its state is not final. Constants, not a parameter list, so PostgreSQL matches partial indexes.</summary>
    public Expression<Func<TState, bool>> IsOpenRule => InStates(OpenStates);

    public bool IsOpen(TState state) => (_isOpen ??= IsOpenRule.Compile())(state);

    /// <summary><see cref="IsOpenRule"/> over an item, for a query: <c>db.Items.Where(table.IsOpenWhere&lt;Item&gt;(i =&gt; i.State))</c>.</summary>
    public Expression<Func<TItem, bool>> IsOpenWhere<TItem>(Expression<Func<TItem, TState>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rule = IsOpenRule;
        return Expression.Lambda<Func<TItem, bool>>(Predicates.Substitute(rule.Body, rule.Parameters[0], state.Body), state.Parameters);
    }

    /// <summary>
    /// "Left past due": in a state whose step has a due time, not escalated yet, and in that state since
    /// <c>cutoff</c> (now less the due time) or earlier.
    /// </summary>
    public Expression<Func<TState, DateTimeOffset, DateTimeOffset?, DateTimeOffset, bool>> DueForEscalationRule
    {
        get
        {
            var state = Expression.Parameter(typeof(TState), "state");
            var since = Expression.Parameter(typeof(DateTimeOffset), "since");
            var escalatedAt = Expression.Parameter(typeof(DateTimeOffset?), "escalatedAt");
            var cutoff = Expression.Parameter(typeof(DateTimeOffset), "cutoff");
            var inDueState = InStates(DueStates);
            var body = Expression.AndAlso(
                Expression.AndAlso(Predicates.Substitute(inDueState.Body, inDueState.Parameters[0], state),
                    Expression.Equal(escalatedAt, Expression.Constant(null, typeof(DateTimeOffset?)))),
                Expression.LessThanOrEqual(since, cutoff));
            return Expression.Lambda<Func<TState, DateTimeOffset, DateTimeOffset?, DateTimeOffset, bool>>(body, state, since, escalatedAt, cutoff);
        }
    }

    public bool IsDueForEscalation(TState state, DateTimeOffset since, DateTimeOffset? escalatedAt, DateTimeOffset cutoff) =>
        (_isDue ??= DueForEscalationRule.Compile())(state, since, escalatedAt, cutoff);

    /// <summary>
    /// <see cref="DueForEscalationRule"/> over an item, for a query; the cutoff becomes a query parameter. <paramref name="since"/>
    /// is when the item entered its current state.
    /// </summary>
    public Expression<Func<TItem, bool>> DueForEscalationWhere<TItem>(Expression<Func<TItem, TState>> state, Expression<Func<TItem, DateTimeOffset>> since,
        Expression<Func<TItem, DateTimeOffset?>> escalatedAt, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(since);
        ArgumentNullException.ThrowIfNull(escalatedAt);
        var item = state.Parameters[0];
        var rule = DueForEscalationRule;
        // A field of a box, not a constant: EF Core sends it as a parameter, so every cutoff shares one plan.
        var cutoffValue = Expression.Field(Expression.Constant(new StrongBox<DateTimeOffset>(cutoff)), nameof(StrongBox<DateTimeOffset>.Value));
        Expression body = rule.Body;
        body = Predicates.Substitute(body, rule.Parameters[0], state.Body);
        body = Predicates.Substitute(body, rule.Parameters[1], Predicates.Substitute(since.Body, since.Parameters[0], item));
        body = Predicates.Substitute(body, rule.Parameters[2], Predicates.Substitute(escalatedAt.Body, escalatedAt.Parameters[0], item));
        body = Predicates.Substitute(body, rule.Parameters[3], cutoffValue);
        return Expression.Lambda<Func<TItem, bool>>(body, item);
    }

    private static Expression<Func<TState, bool>> InStates(IReadOnlyList<TState> states)
    {
        var state = Expression.Parameter(typeof(TState), "state");
        var body = states.Select(s => (Expression)Expression.Equal(state, Expression.Constant(s)))
            .DefaultIfEmpty(Expression.Constant(false, typeof(bool)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<TState, bool>>(body, state);
    }

    private DomainException NotAllowed(Parties who, TAction action) =>
        new(_refusalCodes.GetValueOrDefault(who, $"{CodePrefix}.NotAllowed"), $"Only {who} may take {action}.");

    private string? Comment(CommentRule? rule, string? text)
    {
        if (rule is null)
        {
            return null;
        }

        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed is null)
        {
            return rule.IsRequired ? throw new DomainException($"{CodePrefix}.{rule.Field}Required", $"{rule.Field} is required.", rule.Field) : null;
        }

        return trimmed.Length <= MaxCommentLength
            ? trimmed
            : throw new DomainException($"{CodePrefix}.TextTooLong", $"{rule.Field} is longer than {MaxCommentLength} characters.", rule.Field);
    }
}
