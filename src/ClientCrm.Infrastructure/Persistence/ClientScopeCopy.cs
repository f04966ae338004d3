using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence;

/// <summary>
/// The two values of a client the scope reads, its department and its owner, kept on the rows a to-do list reads
/// (evaluations, warnings, complaints, contract reviews, accountability cases, documents), so that a head's to-do walks one
/// index range of the department's open items, oldest first, and anyone's "my clients' items" one range of their own,
/// instead of probing the client of each open item until 200 match (the head's recount at 1,000,000 clients: 276 ms, 3,800
/// probes for the evaluations alone; issue 9).
/// <para>
/// The database keeps the copy, not the code: a trigger sets it from the client whenever a row is written, and one on the
/// clients carries a client's new department or owner to its rows in the statement that changed them (migration
/// <c>ClientScopeCopy</c>), so no path (a page, a job, a bulk COPY) can leave it stale. EF never writes it.
/// </para>
/// It narrows a query; it does not decide what anyone sees: every query keeps the scope filter (<see cref="ClientVisibility"/>).
/// </summary>
public static class ClientScopeCopy
{
    public const string DepartmentColumn = "ClientDepartmentId";

    public const string OwnerColumn = "ClientOwnerId";

    private static readonly System.Reflection.MethodInfo PropertyOfInt = typeof(EF).GetMethod(nameof(EF.Property))!.MakeGenericMethod(typeof(int));

    /// <summary>Both copies as read-only columns of the entity (shadow properties: the domain has no use for them).</summary>
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : class, IClientRecord
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var property in new IMutableProperty[] { builder.Property<int>(DepartmentColumn).Metadata, builder.Property<string>(OwnerColumn).HasMaxLength(450).IsRequired().Metadata })
        {
            property.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            property.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        }
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

    /// <summary>The rows of the clients <paramref name="userId"/> owns (their own drafts, their turn), read on the copy.</summary>
    public static Expression<Func<T, bool>> OwnedBy<T>(string userId)
        where T : class, IClientRecord =>
        row => EF.Property<string>(row, OwnerColumn) == userId;

    private sealed record Captured(AccessScope Scope);

    /// <summary>The client's department becomes the row's copy; the rule may read nothing else of the client.</summary>
    private sealed class OntoCopy(ParameterExpression client, ParameterExpression row) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == client && node.Member.Name == nameof(Client.DepartmentId)
                ? Expression.Call(PropertyOfInt, row, Expression.Constant(DepartmentColumn))
                : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == client ? throw new InvalidOperationException("The department rule may read only the client's department.") : base.VisitParameter(node);
    }
}
