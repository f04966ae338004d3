using ClientCrm.Domain.Workflows;

namespace ClientCrm.Web.Pages;

/// <summary>A line of a workflow timeline as shown: with how long the item waited since the line before.</summary>
/// <param name="Kind">What the line records, by name (the page's data attribute).</param>
/// <param name="Label">The resource key of its name in the user's language.</param>
public sealed record TimelineLine(DateTimeOffset At, string? ActorName, string Kind, string Label, string? Text, TimeSpan? Took);

/// <summary>
/// A workflow item's timeline (evaluations, complaints and the rest) as <c>_Timeline</c> shows it: every line in order, each
/// with how long the step before it took. <paramref name="ElementId"/> is the list's id on the page.
/// </summary>
public sealed record WorkflowTimeline(string ElementId, IReadOnlyList<TimelineLine> Lines)
{
    /// <summary>The lines of <paramref name="events"/>, oldest first; a line's name is its kind's enum resource.</summary>
    public static WorkflowTimeline Of<TLine, TKind>(string elementId, IEnumerable<TLine> events, Func<TLine, TKind> kindOf)
        where TLine : IWorkflowLine
        where TKind : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(kindOf);
        var ordered = events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        return new(elementId, ordered.Select((e, i) => new TimelineLine(e.At, e.ActorName, kindOf(e).ToString(), $"Enum.{typeof(TKind).Name}.{kindOf(e)}",
            e.Text, i == 0 ? null : e.At - ordered[i - 1].At)).ToList());
    }
}
