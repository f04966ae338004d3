using AngleSharp.Html.Dom;
using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Clients;

/// <summary>Issue 10 point 11: the client search box finds a client by part of a principal's name, within the user's scope.</summary>
public sealed class PrincipalSearchTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_client_is_found_by_part_of_its_principals_name_in_either_script_and_the_first_page_is_kept_per_search()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Northern Dunes Construction", c => c);
        await PrincipalAsync(clientId, "Khalid Al-Mansouri");
        await PrincipalAsync(clientId, "哈立德·曼苏里");
        var staff = await SignedInAsync("staff1a");

        Assert.Equal([clientId.ToString()], Ids(await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("al-mans"))));
        Assert.Equal([clientId.ToString()], Ids(await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("曼苏"))));
        var found = await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("Mansouri"));
        Assert.Equal([clientId.ToString()], Ids(found));

        // The first page of a search is kept; a principal added since shows at once (the save moves the count the kept page is
        // filed under).
        var second = await GradingArrange.ActiveClientAsync(App, "staff1a", "Southern Oasis Farms", c => c);
        await PrincipalAsync(second, "Rashid Al-Mansouri");
        var again = await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("Mansouri"));
        Assert.Equal(new[] { clientId.ToString(), second.ToString() }.Order(StringComparer.Ordinal), Ids(again).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_principals_name_finds_nothing_outside_the_users_scope()
    {
        var colleagues = await GradingArrange.ActiveClientAsync(App, "staff1b", "Colleague Coast Trading", c => c);
        await PrincipalAsync(colleagues, "Yusuf Qarawi");
        var otherDepartment = await GradingArrange.ActiveClientAsync(App, "staff2a", "Other Department Marine", c => c);
        await PrincipalAsync(otherDepartment, "Yusuf Qaradi");

        var staff = await SignedInAsync("staff1a");
        Assert.Empty(Ids(await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("Yusuf Qara"))));

        var head = await SignedInAsync("head1");
        Assert.Equal([colleagues.ToString()], Ids(await head.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("Yusuf Qara"))));

        var leader = await SignedInAsync("leader");
        Assert.Equal(new[] { colleagues.ToString(), otherDepartment.ToString() }.Order(StringComparer.Ordinal),
            Ids(await leader.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("Yusuf Qara"))).Order(StringComparer.Ordinal));
    }

    private Task PrincipalAsync(Guid clientId, string name) =>
        App.WithDbAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Principals).SingleAsync(c => c.Id == clientId);
            client.AddPrincipal(new PrincipalCard { Name = name, Title = "General Manager" }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

    private static string[] Ids(IHtmlDocument page) =>
        page.QuerySelectorAll("#client-table tbody tr[data-client-id]").Select(r => r.GetAttribute("data-client-id")!).ToArray();
}
