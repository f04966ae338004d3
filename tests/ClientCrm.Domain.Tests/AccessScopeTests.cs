using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

public sealed class AccessScopeTests
{
    [Fact]
    public void Staff_see_only_clients_they_own()
    {
        var scope = AccessScope.For("u1", [Roles.Staff], 1);
        Assert.Equal(ScopeLevel.Own, scope.Level);
        Assert.True(scope.Sees(ClientOf("u1", 1)));
        Assert.False(scope.Sees(ClientOf("u2", 1)));
    }

    [Fact]
    public void Department_heads_see_every_client_of_their_department_and_no_other()
    {
        var scope = AccessScope.For("h1", [Roles.DepartmentHead], 1);
        Assert.True(scope.Sees(ClientOf("someone", 1)));
        Assert.False(scope.Sees(ClientOf("h1", 2)));
    }

    [Fact]
    public void A_head_without_department_falls_back_to_nothing()
    {
        Assert.Equal(ScopeLevel.None, AccessScope.For("h1", [Roles.DepartmentHead], null).Level);
    }

    [Fact]
    public void Leaders_see_all_clients_even_with_another_role_listed()
    {
        var scope = AccessScope.For("l1", [Roles.Staff, Roles.Leader], 1);
        Assert.Equal(ScopeLevel.All, scope.Level);
        Assert.True(scope.Sees(ClientOf("x", 99)));
    }

    [Fact]
    public void Admins_see_no_client_at_all()
    {
        var scope = AccessScope.For("a1", [Roles.Admin], null);
        Assert.Equal(ScopeLevel.None, scope.Level);
        Assert.False(scope.Sees(ClientOf("a1", 1)));
    }

    [Theory]
    [InlineData("Leader", 1, true, false)]
    [InlineData("Staff,Leader", 1, true, false)]
    [InlineData("DepartmentHead", 1, false, true)]
    [InlineData("DepartmentHead", null, false, false)]
    [InlineData("Staff", 1, false, false)]
    [InlineData("Admin", null, false, false)]
    [InlineData("", null, false, false)]
    public void Who_is_a_leader_or_a_head_follows_from_the_roles(string roles, int? department, bool leader, bool head)
    {
        var scope = AccessScope.For("u1", roles.Split(',', StringSplitOptions.RemoveEmptyEntries), department);

        Assert.Equal((leader, head), (scope.IsLeader, scope.IsDepartmentHead));
    }

    [Fact]
    public void The_company_acting_for_itself_sees_every_client_but_is_no_leader()
    {
        Assert.True(AccessScope.System.Sees(ClientOf("x", 5)));
        Assert.False(AccessScope.System.IsLeader);
    }

    internal static Client ClientOf(string ownerId, int departmentId) =>
        Client.Register(ClientTests.Card(), null, ownerId, departmentId, GradingThresholds.Default,
            TestClock.At(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)));
}
