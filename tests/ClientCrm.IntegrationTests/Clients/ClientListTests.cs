using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Clients;

public sealed class ClientListTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Staff_list_shows_only_their_own_clients()
    {
        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync("/Clients?sort=name&desc=false");
        var owners = page.QuerySelectorAll("#client-table tbody tr[data-client-id] td:nth-child(6)").Select(td => td.TextContent.Trim()).Distinct().ToList();
        Assert.Equal(["一部业务员 陈静"], owners);
        Assert.Contains("14", page.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
    }
}
