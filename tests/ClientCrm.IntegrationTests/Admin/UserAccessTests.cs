using System.Net;
using ClientCrm.Development.Seeding;
using ClientCrm.Domain.Access;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Admin;

/// <summary>What an admin does to an account's access: disable/enable, lockout, password reset, role and department.</summary>
public sealed class UserAccessTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static string EditPage(string id) => $"/Admin/Users/Edit/{id}";

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session_and_blocks_sign_in_until_enabled()
    {
        var staff = await SignedInAsync("staff1b");
        using (var before = await staff.GetAsync("/Clients"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "staff1b");
        using (var disabled = await admin.SubmitAsync(EditPage(id), "#disable-form"))
        {
            AdminTestData.AssertRedirectsTo(disabled, EditPage(id));
        }

        using (var next = await staff.GetAsync("/Clients"))
        {
            AdminTestData.AssertRedirectsTo(next, "/Account/Login");
        }

        using (var again = await AdminTestData.TryLoginAsync(Anonymous(), "staff1b", DemoData.Password))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var state = await admin.GetPageAsync(EditPage(id));
        Assert.Contains("已停用", state.QuerySelector("#user-state")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(state.QuerySelector("#enable-form"));

        using (var enabled = await admin.SubmitAsync(EditPage(id), "#enable-form"))
        {
            AdminTestData.AssertRedirectsTo(enabled, EditPage(id));
        }

        var back = Anonymous();
        await back.SignInAsync("staff1b");
        var clients = await back.GetPageAsync("/Clients");
        Assert.NotEmpty(clients.QuerySelectorAll("#client-table tbody tr[data-client-id]"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_user_out_until_the_admin_resets_the_lockout()
    {
        var attacker = Anonymous();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await AdminTestData.TryLoginAsync(attacker, "staff2a", "not-the-password-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using (var right = await AdminTestData.TryLoginAsync(Anonymous(), "staff2a", DemoData.Password))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            var page = await CrmClient.ParseAsync(right);
            Assert.Contains("账号已暂时锁定", page.QuerySelector("#login-form")!.TextContent, StringComparison.Ordinal);
        }

        var admin = await SignedInAsync("admin");
        var list = await admin.GetPageAsync("/Admin/Users?q=staff2a");
        Assert.Contains("锁定至", list.QuerySelector("tr[data-user-name='staff2a'] .user-state")!.TextContent, StringComparison.Ordinal);

        var id = await AdminTestData.UserIdAsync(App, "staff2a");
        using (var unlocked = await admin.SubmitAsync(EditPage(id), "#unlock-form"))
        {
            AdminTestData.AssertRedirectsTo(unlocked, EditPage(id));
        }

        var user = Anonymous();
        await user.SignInAsync("staff2a");
        using var clients = await user.GetAsync("/Clients");
        Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "staff2a").Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task Admin_cannot_disable_themselves()
    {
        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "admin");

        using var response = await admin.SubmitAsync(EditPage(id), "#disable-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("不能停用自己的账号", page.QuerySelector("#user-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));
        using var stillIn = await admin.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Admin_cannot_remove_their_own_admin_role()
    {
        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "admin");

        using var response = await admin.SubmitAsync(EditPage(id), "#user-form",
            new Dictionary<string, string?> { ["Input.Role"] = Roles.Leader, ["Input.DisplayName"] = "改名 管理员" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("不能取消自己的系统管理员角色", HtmlAssert.FieldError(page, "Input.Role"));
        Assert.Equal("改名 管理员", HtmlAssert.FieldValue(page, "Input.DisplayName"));
        var stored = await App.WithDbAsync(async db =>
        {
            var roles = await db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            var name = await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync();
            return (roles, name);
        });
        Assert.Equal([Roles.Admin], stored.roles);
        Assert.Equal("系统管理员 王明", stored.name);
    }

    [Fact]
    public async Task Moving_staff_to_head_of_another_department_ends_their_session_and_the_next_sign_in_has_the_new_scope()
    {
        var admin = await SignedInAsync("admin");
        var d1 = await AdminTestData.DepartmentIdAsync(App, "D1");
        var d2 = await AdminTestData.DepartmentIdAsync(App, "D2");
        using (var created = await admin.SubmitAsync("/Admin/Users/Create", "#user-form", new Dictionary<string, string?>
               {
                   ["Input.UserName"] = "staff1new",
                   ["Input.DisplayName"] = "一部新业务员",
                   ["Input.Password"] = AdminTestData.NewPassword,
                   ["Input.Role"] = Roles.Staff,
                   ["Input.DepartmentId"] = d1,
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var staff = Anonymous();
        await staff.SignInAsync("staff1new", AdminTestData.NewPassword);
        var id = await AdminTestData.UserIdAsync(App, "staff1new");

        using (var saved = await admin.SubmitAsync(EditPage(id), "#user-form",
                   new Dictionary<string, string?> { ["Input.Role"] = Roles.DepartmentHead, ["Input.DepartmentId"] = d2 }))
        {
            AdminTestData.AssertRedirectsTo(saved, EditPage(id));
        }

        using (var next = await staff.GetAsync("/Clients"))
        {
            AdminTestData.AssertRedirectsTo(next, "/Account/Login");
        }

        var again = Anonymous();
        await again.SignInAsync("staff1new", AdminTestData.NewPassword);
        var clients = await again.GetPageAsync("/Clients?sort=name&desc=false");
        var owners = clients.QuerySelectorAll("#client-table tbody tr[data-client-id] td.client-owner").Select(td => td.TextContent.Trim()).ToHashSet();
        Assert.Contains("二部业务员 赵磊", owners);
        Assert.DoesNotContain("一部业务员 杨帆", owners);
    }

    [Fact]
    public async Task Moving_an_owner_of_clients_to_another_department_is_refused_until_the_clients_are_handed_over()
    {
        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "staff1a");
        var d2 = await AdminTestData.DepartmentIdAsync(App, "D2");

        using var refused = await admin.SubmitAsync(EditPage(id), "#user-form",
            new Dictionary<string, string?> { ["Input.DepartmentId"] = d2, ["Input.DisplayName"] = "陈静（调二部）" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await CrmClient.ParseAsync(refused);
        Assert.Contains("14", HtmlAssert.FieldError(page, "Input.DepartmentId"), StringComparison.Ordinal);
        Assert.Equal("陈静（调二部）", HtmlAssert.FieldValue(page, "Input.DisplayName"));
        var stored = await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DepartmentId).SingleAsync());
        Assert.Equal(await App.WithDbAsync(db => db.Departments.Where(d => d.Code == "D1").Select(d => (int?)d.Id).SingleAsync()), stored);
    }

    [Fact]
    public async Task Saving_a_user_form_that_another_admin_changed_meanwhile_is_refused_and_keeps_the_typed_values()
    {
        var first = await SignedInAsync("admin");
        var second = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "staff2a");
        var stale = await first.GetPageAsync(EditPage(id));

        using (var other = await second.SubmitAsync(EditPage(id), "#user-form",
                   new Dictionary<string, string?> { ["Input.DisplayName"] = "二部业务员 赵磊（外派）" }))
        {
            AdminTestData.AssertRedirectsTo(other, EditPage(id));
        }

        using var refused = await first.SubmitAsync(stale, EditPage(id), "#user-form",
            new Dictionary<string, string?> { ["Input.DisplayName"] = "二部业务员 赵磊（驻外）" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await CrmClient.ParseAsync(refused);
        Assert.Contains("已被他人修改", page.QuerySelector("#user-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("二部业务员 赵磊（驻外）", HtmlAssert.FieldValue(page, "Input.DisplayName"));
        Assert.Equal("二部业务员 赵磊（外派）",
            await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()));

        // The refused form carries the fresh token: saving it again is a deliberate overwrite and succeeds.
        using var again = await first.SubmitAsync(page, EditPage(id), "#user-form");
        AdminTestData.AssertRedirectsTo(again, EditPage(id));
        Assert.Equal("二部业务员 赵磊（驻外）",
            await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task Password_reset_by_admin_ends_open_sessions_and_only_the_new_password_signs_in()
    {
        var staff = await SignedInAsync("staff1a");
        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "staff1a");

        using (var reset = await admin.SubmitAsync(EditPage(id), "#password-form",
                   new Dictionary<string, string?> { ["Reset.NewPassword"] = AdminTestData.NewPassword }))
        {
            AdminTestData.AssertRedirectsTo(reset, EditPage(id));
        }

        using (var next = await staff.GetAsync("/Clients"))
        {
            AdminTestData.AssertRedirectsTo(next, "/Account/Login");
        }

        using (var old = await AdminTestData.TryLoginAsync(Anonymous(), "staff1a", DemoData.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        await Anonymous().SignInAsync("staff1a", AdminTestData.NewPassword);
    }

    [Fact]
    public async Task Password_reset_with_a_common_password_is_refused_next_to_the_field_and_keeps_the_old_one()
    {
        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "staff1a");

        using var reset = await admin.SubmitAsync(EditPage(id), "#password-form",
            new Dictionary<string, string?> { ["Reset.NewPassword"] = "qwerty123456" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var page = await CrmClient.ParseAsync(reset);
        Assert.Equal("密码过于常见或包含用户名，请换一个", HtmlAssert.FieldError(page, "Reset.NewPassword"));
        await Anonymous().SignInAsync("staff1a");
    }
}
