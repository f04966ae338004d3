using System.Linq.Expressions;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Tests;

/// <summary>
/// The scope rule exists once, as the expression the query filter is made of; the in-memory check runs the same
/// expression. These tests put both through every scope level over the clients that tell the levels apart.
/// </summary>
public sealed class ClientVisibilityTests
{
    private static readonly Client Own = AccessScopeTests.ClientOf("staff-1", 1);
    private static readonly Client Colleagues = AccessScopeTests.ClientOf("staff-2", 1);
    private static readonly Client OtherDepartments = AccessScopeTests.ClientOf("staff-3", 2);

    private static readonly Dictionary<string, AccessScope> Users = new(StringComparer.Ordinal)
    {
        ["staff"] = AccessScope.For("staff-1", [Roles.Staff], 1),
        ["head"] = AccessScope.For("head-1", [Roles.DepartmentHead], 1),
        ["head without department"] = AccessScope.For("head-x", [Roles.DepartmentHead], null),
        ["leader"] = AccessScope.For("leader-1", [Roles.Leader], null),
        ["admin"] = AccessScope.For("admin-1", [Roles.Admin], null),
        ["system"] = AccessScope.System,
    };

    /// <summary>SPEC §1: staff their own clients, a head the department's, a leader (and the company's jobs) all, others none.</summary>
    [Theory]
    [InlineData("staff", true, false, false)]
    [InlineData("head", true, true, false)]
    [InlineData("head without department", false, false, false)]
    [InlineData("leader", true, true, true)]
    [InlineData("admin", false, false, false)]
    [InlineData("system", true, true, true)]
    public void The_expression_and_the_in_memory_check_give_the_rule_for_every_level(string user, bool own, bool colleagues, bool otherDepartments)
    {
        var scope = Users[user];
        var clients = new[] { Own, Colleagues, OtherDepartments };
        var expected = new[] { own, colleagues, otherDepartments };

        var byExpression = Filtered(clients, scope);
        var inMemory = clients.Select(scope.Sees).ToArray();

        Assert.Equal(expected, clients.Select(byExpression.Contains).ToArray());
        Assert.Equal(expected, inMemory);
    }

    [Fact]
    public void Only_the_leaders_level_goes_without_a_filter_and_levels_that_see_nothing_share_the_owner_filter()
    {
        Assert.Null(ClientVisibility.Filter(Users["leader"].FilterShape));
        Assert.Same(ClientVisibility.InDepartment, ClientVisibility.Filter(Users["head"].FilterShape));
        Assert.Same(ClientVisibility.Owned, ClientVisibility.Filter(Users["staff"].FilterShape));
        Assert.Same(ClientVisibility.Owned, ClientVisibility.Filter(Users["admin"].FilterShape));
        Assert.Same(ClientVisibility.Owned, ClientVisibility.Filter(Users["head without department"].FilterShape));
    }

    [Fact]
    public void Scopes_that_see_the_same_clients_share_a_filter_key_and_others_do_not()
    {
        Assert.Equal(Users["head"].FilterKey, AccessScope.For("head-2", [Roles.DepartmentHead], 1).FilterKey);
        Assert.Equal(Users["leader"].FilterKey, AccessScope.System.FilterKey);
        Assert.NotEqual(Users["staff"].FilterKey, AccessScope.For("staff-2", [Roles.Staff], 1).FilterKey);
        Assert.NotEqual(Users["head"].FilterKey, AccessScope.For("head-3", [Roles.DepartmentHead], 2).FilterKey);
        Assert.NotEqual(Users["staff"].FilterKey, Users["admin"].FilterKey);
    }

    /// <summary>The clients the shape's expression keeps, with the scope bound in as the data layer binds the acting user's.</summary>
    private static HashSet<Client> Filtered(IEnumerable<Client> clients, AccessScope scope)
    {
        if (ClientVisibility.Filter(scope.FilterShape) is not { } rule)
        {
            return clients.ToHashSet();
        }

        var bound = Expression.Lambda<Func<Client, bool>>(
            Expression.Invoke(rule, rule.Parameters[0], Expression.Constant(scope)), rule.Parameters[0]);
        return clients.AsQueryable().Where(bound).ToHashSet();
    }
}
