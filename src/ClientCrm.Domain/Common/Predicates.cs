using System.Linq.Expressions;

namespace ClientCrm.Domain.Common;

/// <summary>
/// Rules written once as expressions and read in other shapes: a rule over a state read over an item's state, a rule over a
/// client read through a record's client, two conditions as one. One parameter-substituting visitor serves them all.
/// </summary>
public static class Predicates
{
    /// <summary><paramref name="body"/> with every use of <paramref name="parameter"/> replaced by <paramref name="with"/>.</summary>
    public static Expression Substitute(Expression body, ParameterExpression parameter, Expression with) => new Swap(parameter, with).Visit(body);

    /// <summary>Items matching either condition, as one predicate (one condition with OR, not a union of two queries).</summary>
    public static Expression<Func<T, bool>> Either<T>(Expression<Func<T, bool>> first, Expression<Func<T, bool>> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Expression.Lambda<Func<T, bool>>(
            Expression.OrElse(first.Body, Substitute(second.Body, second.Parameters[0], first.Parameters[0])), first.Parameters);
    }

    private sealed class Swap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
