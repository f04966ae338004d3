using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Clients;

public sealed class ClientListTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Staff_list_shows_only_their_own_clients()
    {
        var staff = await SignedInAsync("staff1a");
        var page = await staff.GetPageAsync("/Clients?sort=name&desc=false");
        var owners = page.QuerySelectorAll("#client-table tbody tr[data-client-id] td.client-owner").Select(td => td.TextContent.Trim()).Distinct().ToList();
        Assert.Equal(["一部业务员 陈静"], owners);
        Assert.Contains("14", page.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaders_page_through_all_forty_demo_clients_on_the_server()
    {
        var leader = await SignedInAsync("leader");
        var first = await leader.GetPageAsync("/Clients?sort=name&desc=false");
        Assert.Contains("40", first.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(25, first.QuerySelectorAll("#client-table tbody tr[data-client-id]").Length);
        var second = await leader.GetPageAsync("/Clients?sort=name&desc=false&p=2");
        Assert.Equal(15, second.QuerySelectorAll("#client-table tbody tr[data-client-id]").Length);

        var names = first.QuerySelectorAll("#client-table a.client-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), names);
    }

    [Fact]
    public async Task Filters_by_department_status_country_region_and_owner_narrow_the_list()
    {
        var leader = await SignedInAsync("leader");
        var d2 = await App.WithDbAsync(db => db.Departments.Where(d => d.Code == "D2").Select(d => d.Id).SingleAsync());
        var byDepartment = await leader.GetPageAsync($"/Clients?department={d2}");
        Assert.Contains("13", byDepartment.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
        Assert.All(byDepartment.QuerySelectorAll("#client-table tbody tr[data-client-id] td.client-department"),
            td => Assert.Equal("业务二部", td.TextContent.Trim()));

        var expectedActive = await App.WithDbAsync(db => db.Clients.CountAsync(c => c.Status == ClientStatus.Active));
        var active = await leader.GetPageAsync("/Clients?status=Active");
        Assert.Contains(expectedActive.ToString(System.Globalization.CultureInfo.InvariantCulture), active.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);

        var (country, region, inCountry, inRegion) = await App.WithDbAsync(async db =>
        {
            var c = await db.Clients.Select(x => new { x.CountryCode, x.Region }).FirstAsync();
            return (c.CountryCode, c.Region, await db.Clients.CountAsync(x => x.CountryCode == c.CountryCode),
                await db.Clients.CountAsync(x => x.Region == c.Region));
        });
        var byCountry = await leader.GetPageAsync($"/Clients?country={country}");
        Assert.Equal(Math.Min(inCountry, 25), byCountry.QuerySelectorAll("#client-table tbody tr[data-client-id]").Length);
        var byRegion = await leader.GetPageAsync($"/Clients?region={region}");
        Assert.Equal(Math.Min(inRegion, 25), byRegion.QuerySelectorAll("#client-table tbody tr[data-client-id]").Length);

        var head = await SignedInAsync("head1");
        var staff1b = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "staff1b").Select(u => u.Id).SingleAsync());
        var byOwner = await head.GetPageAsync($"/Clients?owner={staff1b}");
        Assert.Contains("11", byOwner.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
    }
}
