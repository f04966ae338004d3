using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Todo;

/// <summary>The to-do page's kinds: each kind's count, and one kind's items alone.</summary>
public sealed class TodoPageTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_leader_sees_each_kinds_count_and_choosing_a_kind_lists_only_its_items()
    {
        var leader = await SignedInAsync("leader");
        var all = await leader.GetPageAsync("/Todo");
        var kinds = all.QuerySelectorAll("#todo-kinds a[data-kind]")
            .ToDictionary(a => a.GetAttribute("data-kind")!, a => int.Parse(a.QuerySelector(".badge")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(kinds.Count >= 2, "The demo leader waits on more than one kind of item.");
        var rows = all.QuerySelectorAll("#todo-table tbody tr");
        Assert.Equal(kinds.Values.Sum(), rows.Length);

        var (kind, count) = kinds.First();
        var one = await leader.GetPageAsync($"/Todo?kind={kind}");
        var shown = one.QuerySelectorAll("#todo-table tbody tr");
        Assert.Equal(count, shown.Length);
        Assert.All(shown, tr => Assert.Equal(kind, tr.GetAttribute("data-kind")));
        Assert.Equal("true", one.QuerySelector($"#todo-kinds a[data-kind='{kind}']")!.ClassList.Contains("active") ? "true" : "false");
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("head1")]
    [InlineData("staff1a")]
    public async Task Every_item_names_its_own_client_or_the_prospect_it_is_about(string user)
    {
        var page = await (await SignedInAsync(user)).GetPageAsync("/Todo");
        var rows = page.QuerySelectorAll("#todo-table tbody tr");
        Assert.NotEmpty(rows);
        // Each workflow's item id, with the name of its client (or, for a report on a prospect, of the prospect), from the
        // records themselves rather than through the to-do query.
        var named = await App.WithDbAsync(async db =>
        {
            var all = new Dictionary<string, string>();
            void Add<T>(IEnumerable<T> items, Func<T, Guid> id, Func<T, string> name)
            {
                foreach (var item in items)
                {
                    all[id(item).ToString()] = name(item);
                }
            }

            Add(await db.ClientEvaluations.IgnoreQueryFilters().Select(x => new { x.Id, x.Client!.Name }).ToListAsync(), x => x.Id, x => x.Name);
            Add(await db.Warnings.IgnoreQueryFilters().Select(x => new { x.Id, x.Client!.Name }).ToListAsync(), x => x.Id, x => x.Name);
            Add(await db.Complaints.IgnoreQueryFilters().Select(x => new { x.Id, x.Client!.Name }).ToListAsync(), x => x.Id, x => x.Name);
            Add(await db.ContractReviews.IgnoreQueryFilters().Select(x => new { x.Id, x.Client!.Name }).ToListAsync(), x => x.Id, x => x.Name);
            Add(await db.AccountabilityCases.IgnoreQueryFilters().Select(x => new { x.Id, x.Client!.Name }).ToListAsync(), x => x.Id, x => x.Name);
            Add(await db.InformationReports.IgnoreQueryFilters().Select(x => new { x.Id, Name = x.Client != null ? x.Client.Name : x.ProspectName! }).ToListAsync(),
                x => x.Id, x => x.Name);
            Add(await db.AccessRequests.IgnoreQueryFilters().Join(db.Clients.IgnoreQueryFilters(), r => r.ClientId, c => c.Id, (r, c) => new { r.Id, c.Name })
                .ToListAsync(), x => x.Id, x => x.Name);
            Add(await db.ClientDocuments.IgnoreQueryFilters().Select(x => new { x.Id, x.Client!.Name }).ToListAsync(), x => x.Id, x => x.Name);
            return all;
        });
        Assert.All(rows, tr =>
        {
            var shown = tr.QuerySelector("a.todo-link")!.TextContent.Trim();
            Assert.False(string.IsNullOrEmpty(shown));
            Assert.Equal(named[tr.GetAttribute("data-id")!], shown);
        });
    }
}
