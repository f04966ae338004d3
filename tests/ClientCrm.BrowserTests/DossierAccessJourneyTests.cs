using System.Globalization;
using ClientCrm.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// Issue 13 in a real browser: a member of staff of another department finds a client through the existence check (the
/// registration form), requests access to its dossier, a leader grants it from the to-do list, the requester reads the
/// card (read-only), the leader revokes the grant, and the requester's next look is a 404.
/// </summary>
public sealed class DossierAccessJourneyTests(ITestOutputHelper output)
{
    private const string DemoPassword = "ClientCrm-Demo-2026";

    [Fact]
    public async Task A_colleague_requests_access_a_leader_grants_and_revokes_it_and_the_card_is_gone_again()
    {
        Browser.Locate();
        await using var app = await BrowserAppHost.StartAsync();
        using var browser = Browser.Start(app.BaseAddress);

        var step = "the owner's client: its name and registration number";
        try
        {
            SignIn(browser, "staff1a");
            browser.GoTo("/Clients");
            browser.WaitForVisible("#client-table tbody tr a.client-link").Click();
            var clientName = browser.WaitForVisible("#client-name").Text;
            var registration = browser.Driver.FindElement(By.Id("registration-number")).Text;
            var clientPath = new Uri(browser.Driver.Url).AbsolutePath;
            SignOut(browser);

            step = "a colleague of the other department checks the client and requests access";
            SignIn(browser, "staff2a");
            browser.GoTo(clientPath);
            browser.WaitFor("the 404 page", d => d.FindElement(By.TagName("h1")).Text.Contains("未找到", StringComparison.Ordinal));
            browser.GoTo("/Clients/Create");
            browser.WaitForVisible("#client-form");
            browser.Type("Input.Name", clientName);
            browser.Choose("Input.CountryCode", "AE");
            browser.Type("Input.RegistrationNumber", registration);
            browser.Driver.FindElement(By.CssSelector("#client-form button[type='submit']")).Click();
            var warning = browser.WaitForVisible("#duplicate-warning");
            Assert.DoesNotContain(registration, warning.Text, StringComparison.Ordinal);
            warning.FindElement(By.CssSelector("a.request-access")).Click();
            browser.WaitForVisible("#access-request-form");
            browser.Type("Input.Purpose", "该客户参加我部门项目投标，需了解其资信。");
            browser.Type("Input.DaysWanted", "5");
            browser.Driver.FindElement(By.Id("access-request-submit")).Click();
            browser.WaitForVisible("#access-request-state[data-state='Submitted']");
            var requestPath = new Uri(browser.Driver.Url).AbsolutePath;
            output.WriteLine("submitted: " + browser.SaveFullPageScreenshot("access-request-submitted"));
            SignOut(browser);

            step = "the leader finds it on the to-do list and approves it";
            SignIn(browser, "leader");
            browser.Driver.FindElement(By.Id("nav-todo")).Click();
            browser.WaitForPath("/Todo");
            browser.WaitFor("the request on the to-do list", d =>
                d.FindElements(By.CssSelector($"#todo-table tbody tr[data-kind='AccessRequest'] a.todo-link[href='{requestPath}']")).FirstOrDefault())!.Click();
            browser.WaitForPath(requestPath);
            browser.Type("Input.DaysGranted", "3");
            browser.Type("Input.DecisionComment", "同意，仅限投标使用。");
            browser.Driver.FindElement(By.Id("approve-submit")).Click();
            browser.WaitForVisible("#access-request-state[data-state='Approved']");
            SignOut(browser);

            step = "the colleague reads the card, read-only";
            SignIn(browser, "staff2a");
            browser.GoTo(requestPath);
            browser.WaitForVisible("#access-request-client-link").Click();
            browser.WaitForVisible("#read-by-request");
            Assert.Equal(clientName, browser.Driver.FindElement(By.Id("client-name")).Text);
            Assert.Empty(browser.Driver.FindElements(By.Id("edit-client")));
            Assert.Empty(browser.Driver.FindElements(By.CssSelector("#principals .principal-private")));
            output.WriteLine("read by request: " + browser.SaveFullPageScreenshot("access-request-reading"));
            SignOut(browser);

            step = "the leader revokes it";
            SignIn(browser, "leader");
            browser.GoTo(requestPath);
            browser.Type("Input.RevokeReason", "投标已结束。");
            browser.Driver.FindElement(By.Id("revoke-submit")).Click();
            browser.WaitForVisible("#access-request-state[data-state='Revoked']");
            SignOut(browser);

            step = "the colleague's next look is a 404";
            SignIn(browser, "staff2a");
            browser.GoTo(clientPath);
            browser.WaitFor("the 404 page", d => d.FindElement(By.TagName("h1")).Text.Contains("未找到", StringComparison.Ordinal));
            Assert.Empty(browser.Driver.FindElements(By.Id("client-name")));
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("dossier-access-failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Assert.Fail($"Step '{step}' failed: {ex.Message}\n{artifacts}\n\n{ex}");
        }
    }

    private static void SignIn(Browser browser, string userName)
    {
        browser.GoTo("/Account/Login");
        browser.WaitForVisible("#login-form");
        browser.Type("Input.UserName", userName);
        browser.Type("Input.Password", DemoPassword);
        browser.Driver.FindElement(By.Id("login-submit")).Click();
        browser.WaitForVisible("#sign-out");
    }

    private static void SignOut(Browser browser)
    {
        browser.Driver.FindElement(By.Id("sign-out")).Click();
        browser.WaitForVisible("#login-form");
    }
}
