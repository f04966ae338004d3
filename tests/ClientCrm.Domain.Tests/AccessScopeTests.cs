using ClientCrm.Domain.Access;

namespace ClientCrm.Domain.Tests;

public sealed class AccessScopeTests
{
    [Fact]
    public void Staff_see_only_clients_they_own()
    {
        var scope = AccessScope.For("u1", [Roles.Staff], 1);
        Assert.Equal(ScopeLevel.Own, scope.Level);
        Assert.True(scope.Covers("u1", 1));
        Assert.False(scope.Covers("u2", 1));
    }

    [Fact]
    public void Department_heads_see_every_client_of_their_department_and_no_other()
    {
        var scope = AccessScope.For("h1", [Roles.DepartmentHead], 1);
        Assert.True(scope.Covers("someone", 1));
        Assert.False(scope.Covers("h1", 2));
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
        Assert.True(scope.Covers("x", 99));
    }

    [Fact]
    public void Admins_see_no_client_at_all()
    {
        var scope = AccessScope.For("a1", [Roles.Admin], null);
        Assert.Equal(ScopeLevel.None, scope.Level);
        Assert.False(scope.Covers("a1", 1));
    }
}
