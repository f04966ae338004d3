using System.Diagnostics;
using System.Globalization;
using ClientCrm.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// A department head's warning review in a real browser: the leader runs the demo company's first warning check, the head
/// sees the unread badge, opens the most urgent warning of the review queue (the first), reads its figures and timeline, acknowledges it
/// with the actions set, and finds it, acknowledged, in the client page's warning column.
/// </summary>
public sealed class WarningJourneyTests(ITestOutputHelper output)
{
    private const string DemoPassword = "ClientCrm-Demo-2026";
    private const string Actions = "已约见客户负责人核实欠薪情况，要求一周内补发工资并提交付款凭证。";

    [Fact]
    public async Task A_department_head_reviews_the_most_urgent_warning_acknowledges_it_and_sees_it_on_the_client_page()
    {
        var total = Stopwatch.StartNew();
        Browser.Locate();
        await using var app = await BrowserAppHost.StartAsync();
        using var browser = Browser.Start(app.BaseAddress);

        var step = "sign in as the leader";
        try
        {
            SignIn(browser, "leader");

            // The test host runs no scheduled jobs: the first check of the demo company is the leader's "run now".
            step = "run the warning check from 预警设置";
            browser.ClickMenuItem("nav-warning-settings");
            browser.WaitForPath("/Settings/Warnings");
            browser.Driver.FindElement(By.Id("start-warning-run")).Click();
            browser.WaitForVisible("#flash");
            var run = browser.WaitForVisible("#warning-runs tbody tr[data-run-id]");
            var raised = int.Parse(run.FindElement(By.CssSelector(".run-raised")).Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.True(raised > 0, $"The first run over the demo company raised no warning (run row: {run.Text}).");
            browser.Driver.FindElement(By.Id("sign-out")).Click();
            browser.WaitForVisible("#login-form");

            step = "sign in as the head of 一部 and see the unread badge";
            SignIn(browser, "head1");
            var unread = browser.WaitForVisible("#inbox-count");
            Assert.True(int.Parse(unread.GetAttribute("data-count")!, CultureInfo.InvariantCulture) > 0, "The inbox badge shows no unread message.");

            step = "open the review queue";
            browser.ClickMenuItem("nav-warning-review");
            browser.WaitForPath("/Warnings/Review");
            var rows = browser.Driver.FindElements(By.CssSelector("#review-queue tbody tr[data-warning-id]"));
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal("Open", r.GetAttribute("data-state")));
            var queued = ReviewCount(browser);
            var oldest = rows[0];
            var warningId = oldest.GetAttribute("data-warning-id")!;
            var clientName = oldest.FindElement(By.CssSelector("a.client-link")).Text;
            Assert.All(rows, r => Assert.Equal("业务一部", r.FindElement(By.CssSelector(".warning-department")).Text));
            output.WriteLine("review queue: " + browser.SaveFullPageScreenshot("warning-review-queue"));

            step = "open the most urgent warning and read its figures and timeline";
            oldest.FindElement(By.CssSelector("a.warning-link")).Click();
            browser.WaitForPath("/Warnings/" + warningId);
            Assert.Equal("Open", browser.WaitForVisible("#warning-state").GetAttribute("data-state"));
            Assert.Equal(clientName, browser.Driver.FindElement(By.Id("warning-client-link")).Text);
            var figures = browser.Driver.FindElements(By.CssSelector("#warning-evidence tbody tr[data-figure]"));
            Assert.NotEmpty(figures);
            Assert.All(figures, f => Assert.False(string.IsNullOrWhiteSpace(f.FindElement(By.CssSelector(".figure-value")).Text),
                $"Figure {f.GetAttribute("data-figure")} has no value."));
            var timeline = browser.Driver.FindElements(By.CssSelector("#warning-timeline > li"));
            Assert.Equal("Raised", timeline[0].GetAttribute("data-event-kind"));
            var eventsBefore = timeline.Count;
            output.WriteLine("warning page: " + browser.SaveFullPageScreenshot("warning-details-open"));

            step = "acknowledge it with the actions set";
            browser.Type("Step.Actions", Actions);
            browser.Driver.FindElement(By.Id("acknowledge-submit")).Click();
            browser.WaitForVisible("#warning-state[data-state='Acknowledged']");
            Assert.Contains("预警已审核", browser.Driver.FindElement(By.Id("flash")).Text, StringComparison.Ordinal);
            Assert.Equal(Actions, browser.Driver.FindElement(By.Id("warning-actions")).Text);
            Assert.Empty(browser.Driver.FindElements(By.Id("acknowledge-form")));
            timeline = browser.Driver.FindElements(By.CssSelector("#warning-timeline > li"));
            Assert.Equal(eventsBefore + 1, timeline.Count);
            var acknowledged = timeline[^1];
            Assert.Equal("Acknowledged", acknowledged.GetAttribute("data-event-kind"));
            Assert.Contains("张伟", acknowledged.FindElement(By.CssSelector(".event-actor")).Text, StringComparison.Ordinal);
            Assert.Equal(Actions, acknowledged.FindElement(By.CssSelector(".event-text")).Text);
            output.WriteLine("acknowledged warning page: " + browser.SaveFullPageScreenshot("warning-details"));

            step = "see the warning in the client's warning column";
            browser.Driver.FindElement(By.Id("warning-client-link")).Click();
            browser.WaitForVisible("#warning-column");
            Assert.Equal(clientName, browser.Driver.FindElement(By.Id("client-name")).Text);
            var item = browser.Driver.FindElement(By.CssSelector($"#warning-column .warning-item[data-warning-id='{warningId}']"));
            Assert.Equal("Acknowledged", item.FindElement(By.CssSelector(".warning-state")).GetAttribute("data-state"));
            output.WriteLine("client page: " + browser.SaveFullPageScreenshot("warning-client"));

            step = "the acknowledged warning has left the review queue";
            browser.ClickMenuItem("nav-warning-review");
            browser.WaitForPath("/Warnings/Review");
            Assert.Equal(queued - 1, ReviewCount(browser));
            Assert.Empty(browser.Driver.FindElements(By.CssSelector($"#review-queue tr[data-warning-id='{warningId}']")));
            output.WriteLine($"whole test {total.Elapsed.TotalSeconds:0.0} s");
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("warning-failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
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

    private static int ReviewCount(Browser browser) =>
        int.Parse(browser.Driver.FindElement(By.Id("review-count")).Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
