using System.Diagnostics;
using ClientCrm.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// A leader's grading round in a real browser: run a regrade over the demo company, open a proposed A change, read
/// its figures, confirm it with a responsible leader, and see the grade, its duties and its history on the client page.
/// </summary>
public sealed class GradingJourneyTests(ITestOutputHelper output)
{
    private const string DemoPassword = "ClientCrm-Demo-2026";

    [Fact]
    public async Task A_leader_runs_a_regrade_confirms_a_key_client_and_sees_its_grade_duties_and_projects()
    {
        var total = Stopwatch.StartNew();
        Browser.Locate();
        await using var app = await BrowserAppHost.StartAsync();
        using var browser = Browser.Start(app.BaseAddress);

        var step = "sign in as the leader";
        try
        {
            browser.GoTo("/Account/Login");
            browser.WaitForVisible("#login-form");
            browser.Type("Input.UserName", "leader");
            browser.Type("Input.Password", DemoPassword);
            browser.Driver.FindElement(By.Id("login-submit")).Click();
            browser.WaitForVisible("#sign-out");

            step = "run a regrade from 客户分类";
            browser.Driver.FindElement(By.Id("nav-grading")).Click();
            browser.WaitForPath("/Grading");
            browser.Driver.FindElement(By.Id("start-regrade")).Click();
            browser.WaitFor("the run page", d => d.Url.Contains("/Grading/Runs/", StringComparison.Ordinal));
            var proposedA = browser.WaitFor("a change to A in the run", d =>
                d.FindElements(By.CssSelector("#run-changes tbody tr[data-client-id]"))
                    .FirstOrDefault(r => r.FindElements(By.CssSelector(".grade-badge"))[1].GetAttribute("data-grade") == "A"));
            var clientName = proposedA!.FindElement(By.CssSelector("td a")).Text;
            output.WriteLine("run page: " + browser.SaveFullPageScreenshot("grading-run"));

            step = "open the proposal and read its figures";
            proposedA.FindElement(By.CssSelector("a.btn")).Click();
            browser.WaitForVisible("#confirm-form");
            var aCriteria = browser.Driver.FindElements(By.CssSelector(".criteria-table[data-grade='A'] tr[data-criterion]"));
            Assert.NotEmpty(aCriteria);
            Assert.All(aCriteria, r => Assert.Equal("true", r.GetAttribute("data-met")));
            output.WriteLine("proposal page: " + browser.SaveFullPageScreenshot("grading-proposal"));

            step = "confirm with the responsible leader";
            var leader = browser.Driver.FindElement(By.CssSelector("#confirm-form select[name='ResponsibleLeaderId'] option:checked"));
            Assert.Contains("李强", leader.Text, StringComparison.Ordinal);
            browser.Driver.FindElement(By.Id("confirm-proposal")).Click();
            var grade = browser.WaitForVisible("#client-grade");
            Assert.Equal(clientName, browser.Driver.FindElement(By.Id("client-name")).Text);
            Assert.Contains("A", grade.Text, StringComparison.Ordinal);
            Assert.Contains("李强", browser.Driver.FindElement(By.Id("responsible-leader")).Text, StringComparison.Ordinal);
            Assert.Contains("30", browser.Driver.FindElement(By.Id("grade-duties")).Text, StringComparison.Ordinal);
            Assert.Single(browser.Driver.FindElements(By.CssSelector("#grade-history tbody tr")));
            Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#project-list tbody tr")));
            output.WriteLine("client page: " + browser.SaveFullPageScreenshot("grading-client"));

            step = "open one of its projects";
            browser.Driver.FindElement(By.CssSelector("#project-list tbody tr a")).Click();
            browser.WaitFor("the project page", d => d.Url.Contains("/Projects/", StringComparison.Ordinal));
            output.WriteLine("project page: " + browser.SaveFullPageScreenshot("project-details"));
            output.WriteLine($"whole test {total.Elapsed.TotalSeconds:0.0} s");
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("grading-failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Fail($"Step '{step}' failed: {ex.Message}\n{artifacts}\n\n{ex}");
        }
    }
}
