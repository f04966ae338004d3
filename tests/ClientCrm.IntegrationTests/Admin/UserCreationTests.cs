using System.Net;
using ClientCrm.Domain.Access;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Admin;

public sealed class UserCreationTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string CreatePage = "/Admin/Users/Create";

    [Fact]
    public async Task Admin_creates_staff_user_in_D2_who_can_sign_in_and_open_the_client_list()
    {
        var admin = await SignedInAsync("admin");
        var d2 = await AdminTestData.DepartmentIdAsync(App, "D2");

        using var response = await admin.SubmitAsync(CreatePage, "#user-form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "staff2b",
            ["Input.DisplayName"] = "二部业务员 孙悦",
            ["Input.Email"] = "staff2b@demo.clientcrm.test",
            ["Input.Role"] = Roles.Staff,
            ["Input.DepartmentId"] = d2,
            ["Input.Password"] = AdminTestData.NewPassword,
        });

        AdminTestData.AssertRedirectsTo(response, "/Admin/Users");
        var saved = await App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "staff2b");
            var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            return (user.DisplayName, user.DepartmentId, user.IsDisabled, Roles: roles);
        });
        Assert.Equal("二部业务员 孙悦", saved.DisplayName);
        Assert.Equal(d2, saved.DepartmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(saved.IsDisabled);
        Assert.Equal([Roles.Staff], saved.Roles);

        var list = await admin.GetPageAsync("/Admin/Users");
        Assert.NotNull(list.QuerySelector("#user-table tr[data-user-name='staff2b']"));

        var newcomer = Anonymous();
        await newcomer.SignInAsync("staff2b", AdminTestData.NewPassword);
        var clients = await newcomer.GetPageAsync("/Clients");
        Assert.NotNull(clients.QuerySelector("#client-table"));
        Assert.Empty(clients.QuerySelectorAll("#client-table tbody tr[data-client-id]"));
    }

    [Fact]
    public async Task Staff_without_department_is_refused_next_to_the_department_and_the_form_keeps_what_was_typed()
    {
        var admin = await SignedInAsync("admin");

        using var response = await admin.SubmitAsync(CreatePage, "#user-form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "staff9",
            ["Input.DisplayName"] = "无部门 业务员",
            ["Input.Email"] = "staff9@demo.clientcrm.test",
            ["Input.Role"] = Roles.Staff,
            ["Input.DepartmentId"] = "",
            ["Input.Password"] = AdminTestData.NewPassword,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("业务员和部门负责人必须选择所属部门", HtmlAssert.FieldError(page, "Input.DepartmentId"));
        Assert.Equal("staff9", HtmlAssert.FieldValue(page, "Input.UserName"));
        Assert.Equal("无部门 业务员", HtmlAssert.FieldValue(page, "Input.DisplayName"));
        Assert.Equal("staff9@demo.clientcrm.test", HtmlAssert.FieldValue(page, "Input.Email"));
        Assert.Equal(Roles.Staff, HtmlAssert.FieldValue(page, "Input.Role"));
        Assert.Equal("", HtmlAssert.FieldValue(page, "Input.Password"));
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "staff9")));
    }

    [Theory]
    [InlineData("short-pass1", "密码至少需要 12 个字符")]
    [InlineData("password1234", "密码过于常见或包含用户名，请换一个")]
    public async Task Too_short_or_common_password_is_refused_next_to_the_password_field(string password, string expected)
    {
        var admin = await SignedInAsync("admin");
        var d1 = await AdminTestData.DepartmentIdAsync(App, "D1");

        using var response = await admin.SubmitAsync(CreatePage, "#user-form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "staff1c",
            ["Input.DisplayName"] = "一部业务员 周敏",
            ["Input.Role"] = Roles.Staff,
            ["Input.DepartmentId"] = d1,
            ["Input.Password"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains(expected, HtmlAssert.FieldError(page, "Input.Password"), StringComparison.Ordinal);
        Assert.Equal("staff1c", HtmlAssert.FieldValue(page, "Input.UserName"));
        Assert.Equal(d1, HtmlAssert.FieldValue(page, "Input.DepartmentId"));
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "staff1c")));
    }

    [Fact]
    public async Task Errors_are_in_English_after_switching_the_language()
    {
        var admin = await SignedInAsync("admin");
        var home = await admin.GetPageAsync(CreatePage);
        using (var switched = await admin.SubmitAsync(home, CreatePage, "form[action='/Culture']", submitName: "culture", submitValue: "en-US"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        using var response = await admin.SubmitAsync(CreatePage, "#user-form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "staff9",
            ["Input.DisplayName"] = "No Department",
            ["Input.Role"] = Roles.DepartmentHead,
            ["Input.DepartmentId"] = "",
            ["Input.Password"] = "short",
        });

        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("Staff and department heads must belong to a department", HtmlAssert.FieldError(page, "Input.DepartmentId"));
    }

    [Fact]
    public async Task Duplicate_user_name_is_refused_next_to_the_user_name()
    {
        var admin = await SignedInAsync("admin");
        var d1 = await AdminTestData.DepartmentIdAsync(App, "D1");

        using var response = await admin.SubmitAsync(CreatePage, "#user-form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "STAFF1A",
            ["Input.DisplayName"] = "重名 用户",
            ["Input.Role"] = Roles.Staff,
            ["Input.DepartmentId"] = d1,
            ["Input.Password"] = AdminTestData.NewPassword,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("已被使用", HtmlAssert.FieldError(page, "Input.UserName"), StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == "STAFF1A")));
    }

    [Fact]
    public async Task Leader_is_created_without_a_department_and_sees_every_client()
    {
        var admin = await SignedInAsync("admin");

        using var response = await admin.SubmitAsync(CreatePage, "#user-form", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "leader2",
            ["Input.DisplayName"] = "公司领导 吴刚",
            ["Input.Role"] = Roles.Leader,
            ["Input.DepartmentId"] = "",
            ["Input.Password"] = AdminTestData.NewPassword,
        });

        AdminTestData.AssertRedirectsTo(response, "/Admin/Users");
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader2").Select(u => u.DepartmentId).SingleAsync()));
        var leader = Anonymous();
        await leader.SignInAsync("leader2", AdminTestData.NewPassword);
        // Only a company-wide scope offers the department filter on the client list.
        var clients = await leader.GetPageAsync("/Clients");
        Assert.NotNull(clients.QuerySelector("#client-filter select[name='department']"));
    }
}
