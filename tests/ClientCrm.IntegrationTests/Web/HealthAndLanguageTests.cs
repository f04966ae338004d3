using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Web;

public sealed class HealthAndLanguageTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Health_reports_the_database_reachable_without_sign_in()
    {
        using var response = await Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"database\":\"Healthy\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_interface_is_Chinese_by_default_and_English_after_the_switch_even_for_an_English_browser()
    {
        var client = Anonymous();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var login = await client.GetPageAsync("/Account/Login");
        Assert.Equal("zh-CN", login.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录", login.QuerySelector("h1")!.TextContent.Trim());

        using var switched = await client.SubmitAsync(login, "/Account/Login", "form[action='/Culture']", submitName: "culture", submitValue: "en-US");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await client.GetPageAsync("/Account/Login");
        Assert.Equal("Sign in", english.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        using var response = await Anonymous().GetAsync("/Account/Login");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
