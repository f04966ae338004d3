using System.Globalization;

namespace ClientCrm.Infrastructure.Persistence;

/// <summary>A workflow table's rules as SQL for index filters, written from the table, never by hand.</summary>
public static class WorkflowSql
{
    /// <summary><c>"State" IN (…)</c> over <paramref name="states"/> (a table's <c>OpenStates</c>), as constants PostgreSQL matches to partial indexes.</summary>
    public static string StateIn<TState>(IEnumerable<TState> states) where TState : struct, Enum =>
        "\"State\" IN (" + string.Join(", ", states.Select(s => Convert.ToInt32(s, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))) + ")";
}
