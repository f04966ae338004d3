using ClientCrm.Domain.Access;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Dossier;

namespace ClientCrm.IntegrationTests.Dossier;

/// <summary>The standing part of the right to read (<see cref="DossierAccess.Standing"/>): the client scope filter's rule, with its basis.</summary>
public sealed class DossierStandingTests
{
    private const string Owner = "owner-id";
    private const int Department = 4;

    [Theory]
    [InlineData(ScopeLevel.Own, Owner, 9, DossierRightBasis.Owner)]
    [InlineData(ScopeLevel.Own, "someone-else", Department, null)]
    [InlineData(ScopeLevel.Department, "head-id", Department, DossierRightBasis.Department)]
    [InlineData(ScopeLevel.Department, Owner, Department, DossierRightBasis.Owner)]
    [InlineData(ScopeLevel.Department, "head-of-other", 9, null)]
    [InlineData(ScopeLevel.Department, Owner, 9, null)]
    [InlineData(ScopeLevel.All, "leader-id", 9, DossierRightBasis.Leader)]
    [InlineData(ScopeLevel.None, Owner, Department, null)]
    public void Owners_heads_of_the_clients_department_and_leaders_read_by_standing_and_nobody_else(ScopeLevel level, string userId, int userDepartment,
        DossierRightBasis? expected)
    {
        var scope = new AccessScope(level, userId, userDepartment);
        Assert.Equal(expected, DossierAccess.Standing(scope, userId, Owner, Department)?.Basis);
    }
}
