using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Web.Pages.Clients;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Clients;

public sealed class ClientListTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Status_figures_are_exact_up_to_the_cap_and_shown_as_at_least_the_cap_beyond_it()
    {
        var exact = await App.WithDbAsync(db => db.Clients.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count));
        var most = exact.Values.Max();
        var cap = exact.Values.Where(n => n < most).DefaultIfEmpty(0).Max();
        Assert.True(cap > 0, "the demo company needs two statuses of different sizes: " + string.Join(", ", exact));
        var summaries = App.Services.GetRequiredService<ScopeSummaries>();

        var capped = await App.WithDbAsync(db => ClientTallies.ByStatusAsync(db, AccessScope.System, summaries, cap, CancellationToken.None));
        var uncapped = await App.WithDbAsync(db => ClientTallies.ByStatusAsync(db, AccessScope.System, summaries, most, CancellationToken.None));

        Assert.Equal(Enum.GetValues<ClientStatus>(), capped.Value.Select(s => s.Status));
        foreach (var (status, count) in capped.Value)
        {
            var n = exact.GetValueOrDefault(status);
            Assert.Equal(n > cap ? new Tally(cap, true) : new Tally(n, false), count);
        }

        Assert.Contains(capped.Value, s => s.Count.AtLeast);
        Assert.True(ClientTallies.Total(capped.Value).AtLeast);
        Assert.Equal(new Tally(exact.Values.Sum(), false), ClientTallies.Total(uncapped.Value));
        Assert.All(uncapped.Value, s => Assert.Equal(new Tally(exact.GetValueOrDefault(s.Status), false), s.Count));

        // The leader's start page and unfiltered list show the exact figures (the demo company is far below the cap).
        var leader = await SignedInAsync("leader");
        var home = await leader.GetPageAsync("/");
        foreach (var status in Enum.GetValues<ClientStatus>())
        {
            Assert.Equal(exact.GetValueOrDefault(status).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")),
                home.QuerySelector($"[data-status='{status}']")!.TextContent.Trim());
        }

        var list = await leader.GetPageAsync("/Clients");
        Assert.Contains(exact.Values.Sum().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")),
            list.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
    }

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
    public async Task Kept_rows_are_those_of_each_users_own_scope_and_of_the_language_asked_for()
    {
        // The same list asked by two staff members of one department: each sees their own clients, never the other's
        // kept rows.
        var chen = await SignedInAsync("staff1a");
        var yang = await SignedInAsync("staff1b");
        Assert.Equal(["一部业务员 陈静"], Owners(await chen.GetPageAsync("/Clients")));
        Assert.Equal(["一部业务员 杨帆"], Owners(await yang.GetPageAsync("/Clients")));
        Assert.Equal(["一部业务员 陈静"], Owners(await chen.GetPageAsync("/Clients")));

        // The same kept page in the other language: its rows are rendered again in English, not taken from the Chinese.
        var chinese = await chen.GetPageAsync("/Clients");
        var statusesZh = Statuses(chinese);
        Assert.Equal(14, statusesZh.Count); // staff1a's 14 clients, one page
        Assert.All(statusesZh, s => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", s));
        using var switched = await chen.SubmitAsync(chinese, "/Clients", "form[action='/Culture']", submitName: "culture", submitValue: "en-US");
        var english = await chen.GetPageAsync("/Clients");
        Assert.Equal(Ids(chinese), Ids(english));
        var statusesEn = Statuses(english);
        Assert.Equal(14, statusesEn.Count);
        Assert.All(statusesEn, s => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", s));

        static List<string> Owners(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll("#client-table tbody tr[data-client-id] td.client-owner").Select(td => td.TextContent.Trim()).Distinct().ToList();
        static List<string> Statuses(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll("#client-table tbody tr[data-client-id] td.client-status").Select(td => td.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task Leaders_page_through_all_forty_demo_clients_on_the_server()
    {
        var leader = await SignedInAsync("leader");
        var first = await leader.GetPageAsync("/Clients?sort=name&desc=false");
        Assert.Contains("40", first.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(25, first.QuerySelectorAll("#client-table tbody tr[data-client-id]").Length);
        var second = await leader.GetPageAsync(first.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal(15, second.QuerySelectorAll("#client-table tbody tr[data-client-id]").Length);
        Assert.Null(second.QuerySelector("#next-page"));
        Assert.Contains("2", second.QuerySelector("#page-number")!.TextContent, StringComparison.Ordinal);

        // Keyset pages: every client once, in one order across the pages (the sort is the folded name, then the id).
        var ids = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(40, ids.Distinct().Count());
        var inOrder = await App.WithDbAsync(db => db.Clients.OrderBy(c => c.NormalizedName).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal(inOrder.Select(id => id.ToString()).ToList(), ids);

        // Back from the second page is the first page again.
        var back = await leader.GetPageAsync(second.QuerySelector("#previous-page")!.GetAttribute("href")!);
        Assert.Equal(Ids(first), Ids(back));
    }

    [Fact]
    public async Task Every_client_shows_its_open_warnings_oldest_first_and_its_open_complaints_on_whichever_page_it_is()
    {
        // Two warnings and a complaint on the last client by name (the second page), one warning on the first.
        var (firstId, lastId) = await App.WithDbAsync(async db =>
        {
            var ordered = await db.Clients.OrderBy(c => c.NormalizedName).ThenBy(c => c.Id).ToListAsync();
            var (first, last) = (ordered[0], ordered[^1]);
            foreach (var (client, hoursAgo) in new[] { (last, 1), (last, 3), (first, 2) })
            {
                var owner = await db.Users.SingleAsync(u => u.Id == client.OwnerId);
                db.Warnings.Add(Domain.Warnings.Warning.File(client, Domain.Warnings.WarningFamily.Churn, $"列表预警 {hoursAgo}", null,
                    new Domain.Warnings.WarningActor(owner.Id, owner.DisplayName, false, false), App.Clock.UtcNow.AddHours(-hoursAgo)));
            }

            db.Complaints.Add(Domain.Complaints.Complaint.Record(last, new Domain.Workflows.WorkflowActor("x", "Leader", Domain.Workflows.Parties.Leader),
                App.Clock.Today, Domain.Complaints.ComplaintChannel.Visit, Domain.Complaints.ComplaintNature.Delay, "迟迟未派出 Late departure",
                App.Clock.Today, App.Clock.UtcNow));
            await db.SaveChangesAsync();
            return (first.Id.ToString(), last.Id.ToString());
        });
        var leader = await SignedInAsync("leader");
        var shown = new Dictionary<string, (List<string> Warnings, string Complaints)>();
        var page = await leader.GetPageAsync("/Clients?sort=name&desc=false");
        var pages = 0;
        while (true)
        {
            pages++;
            foreach (var row in page.QuerySelectorAll("#client-table tbody tr[data-client-id]"))
            {
                shown[row.GetAttribute("data-client-id")!] = (
                    row.QuerySelectorAll(".client-warnings .warning-item").Select(w => w.GetAttribute("data-warning-id")!).ToList(),
                    row.QuerySelector(".client-warnings .complaint-count")?.TextContent.Trim() ?? "");
            }

            if (page.QuerySelector("#next-page")?.GetAttribute("href") is not { } next)
            {
                break;
            }

            page = await leader.GetPageAsync(next);
        }

        var open = await App.WithDbAsync(async db => (
            await db.Warnings.IgnoreQueryFilters().Where(Domain.Warnings.Warning.IsOpen).OrderBy(w => w.RaisedAt).ThenBy(w => w.Id)
                .Select(w => new { w.ClientId, w.Id }).ToListAsync(),
            await db.Complaints.IgnoreQueryFilters().Where(Domain.Complaints.Complaint.IsOpen).GroupBy(c => c.ClientId)
                .Select(g => new { ClientId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ClientId, g => g.Count)));
        Assert.Equal(2, pages);
        Assert.Equal(40, shown.Count);
        // The cursor's page reads its column as the first page does.
        Assert.Contains(lastId, Ids(page));
        Assert.Equal(2, shown[lastId].Warnings.Count);
        Assert.Contains("1", shown[lastId].Complaints, StringComparison.Ordinal);
        Assert.NotEmpty(shown[firstId].Warnings);
        foreach (var (clientId, (warnings, complaints)) in shown)
        {
            Assert.Equal(open.Item1.Where(w => w.ClientId.ToString() == clientId).Select(w => w.Id.ToString()), warnings);
            Assert.Equal(open.Item2.TryGetValue(Guid.Parse(clientId), out var count), complaints.Length > 0);
            if (count > 0)
            {
                Assert.Contains(count.ToString(System.Globalization.CultureInfo.InvariantCulture), complaints, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("updated", "true")]
    [InlineData("name", "true")]
    [InlineData("country", "false")]
    [InlineData("status", "false")]
    [InlineData("grade", "true")]
    public async Task Every_sort_pages_forward_and_back_without_losing_or_repeating_a_client(string sort, string desc)
    {
        var leader = await SignedInAsync("leader");
        var pages = new List<List<string>>();
        var page = await leader.GetPageAsync($"/Clients?sort={sort}&desc={desc}");
        pages.Add(Ids(page));
        while (page.QuerySelector("#next-page")?.GetAttribute("href") is { } next)
        {
            page = await leader.GetPageAsync(next);
            pages.Add(Ids(page));
        }

        Assert.Equal(40, pages.SelectMany(p => p).Distinct().Count());
        Assert.Equal(40, pages.Sum(p => p.Count));
        for (var i = pages.Count - 2; i >= 0; i--)
        {
            page = await leader.GetPageAsync(page.QuerySelector("#previous-page")!.GetAttribute("href")!);
            Assert.Equal(pages[i], Ids(page));
        }
    }

    [Fact]
    public async Task A_cursor_that_is_not_one_shows_the_first_page()
    {
        var leader = await SignedInAsync("leader");
        var first = await leader.GetPageAsync("/Clients");
        foreach (var bad in new[] { "garbage", "eyJ4Ijoi", "WyIxIiwiMiJd", new string('A', 3000) })
        {
            var page = await leader.GetPageAsync($"/Clients?after={bad}&p=7");
            Assert.Equal(Ids(first), Ids(page));
        }
    }

    private static List<string> Ids(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#client-table tbody tr[data-client-id]").Select(r => r.GetAttribute("data-client-id")!).ToList();

    [Fact]
    public async Task Filters_by_department_status_country_region_and_owner_narrow_the_list()
    {
        var leader = await SignedInAsync("leader");
        var d2 = await App.WithDbAsync(db => db.Departments.Where(d => d.Code == "D2").Select(d => d.Id).SingleAsync());
        var byDepartment = await leader.GetPageAsync($"/Clients?department={d2}");
        Assert.Contains("13", byDepartment.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
        var departments = byDepartment.QuerySelectorAll("#client-table tbody tr[data-client-id] td.client-department");
        Assert.Equal(13, departments.Length);
        Assert.All(departments, td => Assert.Equal("业务二部", td.TextContent.Trim()));

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
