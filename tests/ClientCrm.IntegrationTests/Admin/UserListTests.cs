using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Admin;

public sealed class UserListTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task User_list_shows_role_department_and_state_of_every_account()
    {
        var admin = await SignedInAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Users");

        var names = page.QuerySelectorAll("#user-table tbody tr[data-user-name]").Select(r => r.GetAttribute("data-user-name")).ToList();
        Assert.Equal(["admin", "head1", "head2", "leader", "staff1a", "staff1b", "staff2a"], names);
        var head1 = page.QuerySelector("tr[data-user-name='head1']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("一部经理 张伟", head1[1]);
        Assert.Equal("部门负责人", head1[2]);
        Assert.Equal("业务一部", head1[3]);
        Assert.Equal("正常", head1[5]);
        var leader = page.QuerySelector("tr[data-user-name='leader']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("公司领导", leader[2]);
        Assert.Equal("", leader[3]);
    }

    [Fact]
    public async Task Search_finds_users_by_part_of_the_display_name()
    {
        var admin = await SignedInAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Users?q=" + Uri.EscapeDataString("一部"));

        var names = page.QuerySelectorAll("#user-table tbody tr[data-user-name]").Select(r => r.GetAttribute("data-user-name")).ToList();
        Assert.Equal(["head1", "staff1a", "staff1b"], names);
    }
}
