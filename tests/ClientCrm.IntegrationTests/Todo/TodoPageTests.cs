using ClientCrm.IntegrationTests.Infrastructure;

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
}
