using System.Net;
using ClientCrm.Development.Seeding;
using ClientCrm.IntegrationTests.Admin;
using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Account;

public sealed class ChangePasswordTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string Page = "/Account/ChangePassword";

    [Fact]
    public async Task Wrong_current_password_is_refused_next_to_the_current_password()
    {
        var staff = await SignedInAsync("staff1a");

        using var response = await staff.SubmitAsync(Page, "#change-password-form", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = "not-my-password-at-all",
            ["Input.NewPassword"] = AdminTestData.NewPassword,
            ["Input.ConfirmPassword"] = AdminTestData.NewPassword,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("当前密码不正确", HtmlAssert.FieldError(page, "Input.CurrentPassword"));
        await Anonymous().SignInAsync("staff1a", DemoData.Password);
    }

    [Fact]
    public async Task Mismatched_confirmation_is_refused_next_to_the_confirmation()
    {
        var staff = await SignedInAsync("staff1a");

        using var response = await staff.SubmitAsync(Page, "#change-password-form", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = DemoData.Password,
            ["Input.NewPassword"] = AdminTestData.NewPassword,
            ["Input.ConfirmPassword"] = AdminTestData.NewPassword + "x",
        });

        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("两次输入的新密码不一致", HtmlAssert.FieldError(page, "Input.ConfirmPassword"));
    }

    [Fact]
    public async Task New_password_works_for_the_next_sign_in_and_the_old_one_no_longer_does()
    {
        var staff = await SignedInAsync("staff1a");
        var layout = await staff.GetPageAsync("/Clients");
        Assert.Equal(Page, layout.QuerySelector("#change-password")?.GetAttribute("href"));

        using (var response = await staff.SubmitAsync(Page, "#change-password-form", new Dictionary<string, string?>
               {
                   ["Input.CurrentPassword"] = DemoData.Password,
                   ["Input.NewPassword"] = AdminTestData.NewPassword,
                   ["Input.ConfirmPassword"] = AdminTestData.NewPassword,
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        // The session that changed the password stays signed in.
        using (var same = await staff.GetAsync("/Clients"))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }

        using (var old = await AdminTestData.TryLoginAsync(Anonymous(), "staff1a", DemoData.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        await Anonymous().SignInAsync("staff1a", AdminTestData.NewPassword);
    }

    [Fact]
    public async Task Too_short_new_password_is_refused_next_to_the_new_password()
    {
        var admin = await SignedInAsync("admin");

        using var response = await admin.SubmitAsync(Page, "#change-password-form", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = DemoData.Password,
            ["Input.NewPassword"] = "short-one",
            ["Input.ConfirmPassword"] = "short-one",
        });

        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("密码至少需要 12 个字符", HtmlAssert.FieldError(page, "Input.NewPassword"));
    }
}
