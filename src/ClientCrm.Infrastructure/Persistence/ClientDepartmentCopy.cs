using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence;

/// <summary>
/// The client's department, kept on the rows a department head's to-do reads (evaluations, warnings, complaints, contract
/// reviews, accountability cases, documents), so that it walks one index range of the department's open items, oldest
/// first, instead of probing the client of each of the company's open items until 200 match (the head's recount at
/// 1,000,000 clients: 276 ms, 3,800 probes for the evaluations alone; issue 9).
/// <para>
/// The database keeps the copy, not the code: a trigger sets it from the client whenever a row is written, and one on the
/// clients carries a client's new department to its rows in the statement that moved it (migration
/// <c>ClientDepartmentCopy</c>), so no path (a page, a job, a bulk COPY) can leave it stale. EF never writes it.
/// </para>
/// It narrows a query; it does not decide what anyone sees: every query keeps the scope filter (<see cref="ClientVisibility"/>).
/// </summary>
public static class ClientDepartmentCopy
{
    public const string Column = "ClientDepartmentId";

    /// <summary>The copy as a read-only column of the entity (a shadow property: the domain has no use for it).</summary>
    public static PropertyBuilder<int> Configure<T>(EntityTypeBuilder<T> builder)
        where T : class, IClientRecord
    {
        ArgumentNullException.ThrowIfNull(builder);
        var property = builder.Property<int>(Column);
        property.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        property.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        return property;
    }

    /// <summary>
    /// The rows a department-shaped scope sees, read on the copy: <see cref="ClientVisibility.InDepartment"/> itself, with the
    /// client's department taken from the row. Null for any other shape (its filter does not read the department).
    /// </summary>
    public static Expression<Func<T, bool>>? Narrowing<T>(AccessScope scope)
        where T : class, IClientRecord
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.FilterShape != ScopeFilterShape.Department)
        {
            return null;
        }

        var rule = ClientVisibility.InDepartment;
        var row = Expression.Parameter(typeof(T), "row");
        var body = new OntoCopy(rule.Parameters[0], row).Visit(rule.Body);
        // The scope as a captured value: EF sends its department as a parameter, one statement for every head.
        body = Predicates.Substitute(body, rule.Parameters[1], Expression.Property(Expression.Constant(new Captured(scope)), nameof(Captured.Scope)));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private sealed record Captured(AccessScope Scope);

    /// <summary>The client's department becomes the row's copy; the rule may read nothing else of the client.</summary>
    private sealed class OntoCopy(ParameterExpression client, ParameterExpression row) : ExpressionVisitor
    {
        private static readonly System.Reflection.MethodInfo PropertyOf = typeof(EF).GetMethod(nameof(EF.Property))!.MakeGenericMethod(typeof(int));

        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == client && node.Member.Name == nameof(Client.DepartmentId)
                ? Expression.Call(PropertyOf, row, Expression.Constant(Column))
                : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == client ? throw new InvalidOperationException("The department rule may read only the client's department.") : base.VisitParameter(node);
    }
}
