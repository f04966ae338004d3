using System.Globalization;
using AngleSharp.Html.Dom;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// Issue 10 point 9: every list has paging and a total, the one pager of the app (first, previous, page number, next):
/// pending proposals, users, exchange rates and a client's projects. (Warnings, the review queue and the inbox have
/// theirs in WarningQueueOrderTests and InboxTests.)
/// </summary>
public sealed class ListPagingTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Pending_proposals_page_fifty_at_a_time_and_the_total_follows_the_department_filter()
    {
        var d1 = await DepartmentIdAsync("D1");
        await App.WithDbAsync(async db =>
        {
            var clients = await db.Clients.OrderBy(c => c.Name).Select(c => new { c.Id, c.Grade }).ToListAsync();
            var now = DateTimeOffset.UtcNow;
            var run = new GradingRun(GradingTrigger.Manual, AccessScope.System, null, null, now.AddMinutes(-200));
            db.GradingRuns.Add(run);
            for (var i = 0; i < 120; i++)
            {
                var client = clients[i % clients.Count];
                db.GradeProposals.Add(new GradeProposal(run.Id, client.Id, client.Grade,
                    new GradeAssessment(client.Grade == ClientGrade.B ? ClientGrade.C : ClientGrade.B, []), now.AddMinutes(-i)));
            }

            await db.SaveChangesAsync();
        });
        var pending = await App.WithDbAsync(db => db.GradeProposals.Where(p => p.State == ProposalState.Pending)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => new { Id = p.Id.ToString(), p.Client!.DepartmentId }).ToListAsync());
        var leader = await SignedInAsync("leader");

        var pages = await WalkAsync(leader, "/Grading", "#pending-proposals tr[data-proposal-id]", "data-proposal-id");
        Assert.Equal(pending.Select(p => p.Id), pages.SelectMany(p => p.Ids));
        Assert.Equal(50, pages[0].Ids.Count);
        Assert.All(pages, p => Assert.Equal(Number(pending.Count), p.Page.QuerySelector("#pending-count")!.TextContent.Trim()));

        var inD1 = pending.Where(p => p.DepartmentId == d1).ToList();
        var filtered = await WalkAsync(leader, $"/Grading?department={d1}", "#pending-proposals tr[data-proposal-id]", "data-proposal-id");
        Assert.Equal(inD1.Select(p => p.Id), filtered.SelectMany(p => p.Ids));
        Assert.Equal(Number(inD1.Count), filtered[0].Page.QuerySelector("#pending-count")!.TextContent.Trim());
        Assert.Contains($"department={d1}", filtered[0].Page.QuerySelector("#next-page")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_page_by_user_name_with_the_total()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>();
            var d2 = await DepartmentIdAsync("D2");
            for (var i = 0; i < 60; i++)
            {
                var user = new CrmUser
                {
                    UserName = $"paged{i:00}", DisplayName = $"分页用户 {i:00}", Email = $"paged{i:00}@demo.clientcrm.test", DepartmentId = d2,
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                Assert.True((await users.CreateAsync(user)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
            }
        }

        var all = await App.WithDbAsync(db => db.Users.OrderBy(u => u.NormalizedUserName).Select(u => u.UserName!).ToListAsync());
        var admin = await SignedInAsync("admin");

        var pages = await WalkAsync(admin, "/Admin/Users", "#user-table tr[data-user-name]", "data-user-name");
        Assert.Equal(all, pages.SelectMany(p => p.Ids));
        Assert.Equal(50, pages[0].Ids.Count);
        Assert.Contains(Number(all.Count), pages[1].Page.QuerySelector("#user-count")!.TextContent, StringComparison.Ordinal);
        // Role and department on every row, from the joins.
        var row = pages[1].Page.QuerySelector("tr[data-user-name='paged59']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(("分页用户 59", "业务员", "业务二部"), (row[1], row[2], row[3]));

        var searched = await admin.GetPageAsync("/Admin/Users?q=paged");
        Assert.Contains("60", searched.QuerySelector("#user-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("q=paged", searched.QuerySelector("#next-page")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_rates_page_newest_first_with_the_total_and_the_rates_in_force_marked()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await App.WithDbAsync(db =>
        {
            for (var i = 0; i < 70; i++)
            {
                db.ExchangeRates.Add(new ExchangeRate(i % 2 == 0 ? "SAR" : "QAR", 1.9m + (i / 1000m), today.AddDays(-i), "leader", DateTimeOffset.UtcNow));
            }

            return db.SaveChangesAsync();
        });
        var inOrder = await App.WithDbAsync(db => db.ExchangeRates.OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id)
            .Select(r => r.Currency + "@" + r.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToListAsync());
        var leader = await SignedInAsync("leader");

        var pages = await WalkAsync(leader, "/Settings/ExchangeRates", "#rate-table tbody tr",
            r => r.GetAttribute("data-currency") + "@" + r.GetAttribute("data-effective-from"));
        Assert.Equal(inOrder, pages.SelectMany(p => p.Ids));
        Assert.Equal(50, pages[0].Ids.Count);
        Assert.Contains(Number(inOrder.Count), pages[1].Page.QuerySelector("#rate-count")!.TextContent, StringComparison.Ordinal);
        // The rate in force for each currency is the newest that took effect, wherever its page.
        Assert.NotNull(pages[0].Page.QuerySelector($"#rate-table tr[data-currency='SAR'][data-effective-from='{today:yyyy-MM-dd}'] .badge"));
        Assert.NotNull(pages[0].Page.QuerySelector($"#rate-table tr[data-currency='QAR'][data-effective-from='{today.AddDays(-1):yyyy-MM-dd}'] .badge"));
        Assert.Null(pages[0].Page.QuerySelector($"#rate-table tr[data-currency='SAR'][data-effective-from='{today.AddDays(-2):yyyy-MM-dd}'] .badge"));
    }

    [Fact]
    public async Task The_client_page_shows_the_newest_projects_and_the_execution_table_of_all_and_links_the_paged_list_of_every_project()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Many Batches Engineering", c => c);
        await GradingArrange.ProjectsAsync(App, clientId, Enumerable.Range(0, 60).Select(i => 30 + (10 * i)).ToArray(), workers: 10, amountCny: 1_000m);
        var inOrder = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == clientId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id.ToString()).ToListAsync());
        var staff = await SignedInAsync("staff1a");

        var clientPage = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.Equal(inOrder.Take(10), clientPage.QuerySelectorAll("#project-list tr[data-project-id]").Select(r => r.GetAttribute("data-project-id")!));
        Assert.Equal(["60", "600", "600", "60,000.00", "0"],
            clientPage.QuerySelector("#project-execution tr[data-year='total']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var all = clientPage.QuerySelector("#all-projects-link")!;
        Assert.Contains("60", all.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Clients/{clientId}/Projects", all.GetAttribute("href"));

        var pages = await WalkAsync(staff, all.GetAttribute("href")!, "#project-list tr[data-project-id]", "data-project-id");
        Assert.Equal(inOrder, pages.SelectMany(p => p.Ids));
        Assert.Equal(25, pages[0].Ids.Count);
        Assert.Contains("60", pages[0].Page.QuerySelector("#project-count")!.TextContent, StringComparison.Ordinal);

        // Another staff member's client: its project list is out of scope.
        using var other = await (await SignedInAsync("staff1b")).GetAsync($"/Clients/{clientId}/Projects");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
    }

    /// <summary>Every page of a list by its next links, then back by its previous links, which must give the same pages.</summary>
    private static Task<List<(IHtmlDocument Page, List<string> Ids)>> WalkAsync(CrmClient user, string url, string rows, string attribute) =>
        WalkAsync(user, url, rows, r => r.GetAttribute(attribute)!);

    private static async Task<List<(IHtmlDocument Page, List<string> Ids)>> WalkAsync(CrmClient user, string url, string rows,
        Func<AngleSharp.Dom.IElement, string> id)
    {
        List<string> Ids(IHtmlDocument page) => page.QuerySelectorAll(rows).Select(id).ToList();
        var page = await user.GetPageAsync(url);
        var pages = new List<(IHtmlDocument Page, List<string> Ids)> { (page, Ids(page)) };
        while (page.QuerySelector("#next-page")?.GetAttribute("href") is { } next)
        {
            page = await user.GetPageAsync(next);
            pages.Add((page, Ids(page)));
        }

        Assert.True(pages.Count >= 2, $"{url} has only one page");
        Assert.Equal(Enumerable.Range(1, pages.Count).Select(n => $"第 {n} 页"), pages.Select(p => p.Page.QuerySelector("#page-number")!.TextContent.Trim()));
        for (var i = pages.Count - 2; i >= 0; i--)
        {
            page = await user.GetPageAsync(page.QuerySelector("#previous-page")!.GetAttribute("href")!);
            Assert.Equal(pages[i].Ids, Ids(page));
        }

        Assert.NotNull(page.QuerySelector("#next-page"));
        Assert.Null(page.QuerySelector("#first-page"));
        return pages;
    }

    private static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private Task<int> DepartmentIdAsync(string code) => App.WithDbAsync(db => db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());
}
