using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Tests;

public sealed class ClientStatusRulesTests
{
    [Fact]
    public void Staff_are_not_offered_the_move_to_active()
    {
        Assert.DoesNotContain(ClientStatus.Active, ClientStatusRules.TargetsFrom(ClientStatus.UnderEvaluation, actorIsLeader: false));
        Assert.Contains(ClientStatus.Active, ClientStatusRules.TargetsFrom(ClientStatus.UnderEvaluation, actorIsLeader: true));
    }

    [Fact]
    public void Every_status_can_reach_terminated_except_terminated_itself()
    {
        foreach (var status in Enum.GetValues<ClientStatus>())
        {
            Assert.Equal(status != ClientStatus.Terminated, ClientStatusRules.CanMove(status, ClientStatus.Terminated));
        }
    }

    [Fact]
    public void Every_country_code_is_unique_and_two_letters()
    {
        Assert.All(Countries.All, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Code).Distinct().Count());
        Assert.Equal(Region.ME, Countries.Find("ae")!.Region);
    }
}
