using ClientCrm.Domain.Warnings;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// "The warning is open" (<see cref="Warning.IsOpen"/>, from the review table's final states) as a query filter and as the
/// predicate of the partial indexes, so the queries, the indexes and the in-memory check agree. The filter compares with
/// constants (not a parameter array): PostgreSQL only uses a partial index when it can see that the query's predicate
/// implies the index's.
/// </summary>
public static class OpenWarnings
{
    /// <summary>The index predicate, e.g. <c>"State" IN (1, 2, 3)</c>.</summary>
    public static string StateSql { get; } = Persistence.WorkflowSql.StateIn(Warning.Review.OpenStates);

    public static IQueryable<Warning> WhereOpen(this IQueryable<Warning> warnings) => warnings.Where(Warning.IsOpen);
}
