using System.Globalization;
using System.Linq.Expressions;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// <see cref="Warning.IsOpenState"/> as a query filter and as the predicate of the partial indexes, so the three agree.
/// The filter compares with constants (not a parameter array): PostgreSQL only uses a partial index when it can see
/// that the query's predicate implies the index's.
/// </summary>
public static class OpenWarnings
{
    public static IReadOnlyList<WarningState> States { get; } = Enum.GetValues<WarningState>().Where(Warning.IsOpenState).ToArray();

    /// <summary>The index predicate, e.g. <c>"State" IN (1, 2, 3)</c>.</summary>
    public static string StateSql { get; } =
        "\"State\" IN (" + string.Join(", ", States.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))) + ")";

    public static Expression<Func<Warning, bool>> Filter { get; } = BuildFilter();

    public static IQueryable<Warning> WhereOpen(this IQueryable<Warning> warnings) => warnings.Where(Filter);

    private static Expression<Func<Warning, bool>> BuildFilter()
    {
        var w = Expression.Parameter(typeof(Warning), "w");
        var state = Expression.Property(w, nameof(Warning.State));
        var body = States.Select(s => (Expression)Expression.Equal(state, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Warning, bool>>(body, w);
    }
}
