namespace ClientCrm.Domain.Workflows;

/// <summary>
/// Whether a step carries a comment (the text its timeline line keeps) and whether it must. <see cref="Field"/> is the
/// comment's name, which the refusal names (<c>{prefix}.{Field}Required</c>) so the page can say it next to that field.
/// </summary>
public sealed record CommentRule(string Field, bool IsRequired)
{
    public static CommentRule Required(string field) => new(field, true);

    public static CommentRule Optional(string field) => new(field, false);
}

/// <summary>One row of a workflow's table: in state <see cref="From"/>, <see cref="Who"/> may take <see cref="Action"/>, which leads to <see cref="To"/>.</summary>
public sealed record Transition<TState, TAction>(TState From, TAction Action, Parties Who, TState To, CommentRule? Comment)
    where TState : struct, Enum
    where TAction : struct, Enum
{
    /// <summary>False for a step that only adds to the item (a note, a report) and leaves it where it is.</summary>
    public bool MovesOn => !EqualityComparer<TState>.Default.Equals(From, To);
}

/// <summary>
/// A step taken: what the item's timeline records (who, when, which action, the comment) and where it leads. The next
/// actors are whom the item waits for now; <see cref="Tell"/> are those the table says to tell of this step (<see
/// cref="WorkflowTable{TState,TAction}.Tell"/>), whom a handler of the item's event finds with <see
/// cref="WorkflowParties.Recipients"/>.
/// </summary>
public sealed record WorkflowStep<TState, TAction>(TState From, TAction Action, TState To, WorkflowActor Actor, DateTimeOffset At, string? Comment,
    Parties NextActors, Parties Tell = Parties.None)
    where TState : struct, Enum
    where TAction : struct, Enum;
