using System.Globalization;
using ClientCrm.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// Issue 12 in a real browser, across three signed-in roles: a member of staff enters a new batch in contract review, which
/// opens the review form prefilled from the batch, completes and submits it with an opinion; a leader adds an opinion; the
/// head of the department finds it on the to-do list, gives the last opinion and passes it; the project is initiated with its
/// number (立项), and the A4 contract review form opens for printing.
/// </summary>
public sealed class ContractReviewJourneyTests(ITestOutputHelper output)
{
    private const string DemoPassword = "ClientCrm-Demo-2026";

    [Fact]
    public async Task A_batch_goes_through_contract_review_by_staff_leader_and_head_is_initiated_and_its_form_prints()
    {
        Browser.Locate();
        await using var app = await BrowserAppHost.StartAsync();
        using var browser = Browser.Start(app.BaseAddress);

        var step = "sign in as staff and open a client in operation that passes the business gate";
        try
        {
            SignIn(browser, "staff1a");
            browser.GoTo("/Clients?status=Active&grade=C");
            var clients = browser.WaitFor("the client list", d => d.FindElements(By.CssSelector("#client-table tbody tr a.client-link")))
                .Select(a => a.GetAttribute("href")).ToList();
            var clientPath = clients.Select(h => new Uri(h!).AbsolutePath).First(path =>
            {
                browser.GoTo(path);
                browser.WaitForVisible("#client-projects");
                return browser.Driver.FindElements(By.CssSelector("#client-gate-missing li")).Count == 0;
            });

            step = "enter a new batch in contract review";
            browser.GoTo(clientPath + "/Projects/Create");
            browser.WaitForVisible("#project-form");
            browser.Type("Input.Name", "2027 电焊工第一批");
            browser.Type("Input.JobTypes", "电焊工");
            browser.Type("Input.WorkersRequested", "25");
            browser.Choose("Input.Status", "ContractReview");
            browser.Driver.FindElement(By.Id("project-submit")).Click();

            step = "the review form opens prefilled; complete and start it";
            browser.WaitForVisible("#review-start-form");
            Assert.Equal("电焊工", browser.Driver.FindElement(By.Id("Input_JobTypes")).GetAttribute("value"));
            Assert.Equal("25", browser.Driver.FindElement(By.Id("Input_Headcount")).GetAttribute("value"));
            browser.Type("Input.Qualifications", "持焊工证，三年以上经验");
            browser.Type("Input.Schedule", "2027 年 3 月考工，4 月出境");
            browser.Type("Input.Pay", "月薪 1,200 美元，雇主提供食宿");
            browser.Type("Input.RecruitmentSources", "公司合作培训基地");
            browser.Type("Input.Training", "出境前安全培训 10 天");
            browser.Type("Input.Timeline", "可按期完成");
            browser.Driver.FindElement(By.Id("review-start-submit")).Click();
            // A B client's review first asks for an information report (another page); the review is on the project page.
            browser.WaitFor("the review or the report prompt", d => !d.Url.Contains("/ContractReviews/Start", StringComparison.Ordinal));
            browser.GoTo(clientPath);
            browser.WaitForVisible("#client-projects");
            browser.Driver.FindElements(By.CssSelector("#project-list a.project-link")).First(a => a.Text.Contains("2027 电焊工第一批", StringComparison.Ordinal)).Click();
            browser.WaitForVisible("#project-review-link").Click();
            browser.WaitForVisible("#review-form");
            var reviewPath = new Uri(browser.Driver.Url).AbsolutePath;

            step = "staff submits it and gives the owner's opinion";
            browser.Driver.FindElement(By.Id("review-submit")).Click();
            browser.WaitForVisible("#review-state[data-state='Submitted']");
            GiveOpinion(browser, "Agree", "客户要求明确，我方能满足。");
            output.WriteLine("submitted: " + browser.SaveFullPageScreenshot("review-submitted"));
            SignOut(browser);

            step = "a leader adds an opinion";
            SignIn(browser, "leader");
            browser.GoTo(reviewPath);
            GiveOpinion(browser, "AgreeWithConditions", "同意，注意工资按月足额支付。");
            SignOut(browser);

            step = "the head finds it on the to-do list, gives the last opinion and passes it";
            SignIn(browser, "head1");
            browser.Driver.FindElement(By.Id("nav-todo")).Click();
            browser.WaitForPath("/Todo");
            browser.WaitFor("the review on the to-do list", d =>
                d.FindElements(By.CssSelector("#todo-table tbody tr[data-kind='ContractReview'] a.todo-link"))
                    .FirstOrDefault(a => new Uri(a.GetAttribute("href")!).AbsolutePath == reviewPath))!.Click();
            browser.WaitForPath(reviewPath);
            Assert.NotNull(browser.Driver.FindElement(By.CssSelector("#pass-submit[disabled]")));
            GiveOpinion(browser, "Agree", "同意立项。");
            browser.Type("Input.DecisionText", "评审通过，按期组织招聘。");
            browser.Driver.FindElement(By.Id("pass-submit")).Click();
            browser.WaitForVisible("#review-state[data-state='Passed']");
            var number = browser.Driver.FindElement(By.Id("review-project-number")).Text;
            Assert.Matches(@"LX-\d{4}-\d{4}", number);
            var kinds = browser.Driver.FindElements(By.CssSelector("#review-timeline > li")).Select(l => l.GetAttribute("data-event-kind")).ToList();
            Assert.Equal(["Started", "Submitted", "OpinionGiven", "OpinionGiven", "OpinionGiven", "Passed"], kinds);
            output.WriteLine("passed: " + browser.SaveFullPageScreenshot("review-passed"));

            step = "open the print view";
            browser.GoTo(reviewPath + "/Print");
            var sheet = browser.WaitForVisible("#review-print");
            Assert.Contains("合同评审表", sheet.Text, StringComparison.Ordinal);
            Assert.Contains("有条件同意", sheet.Text, StringComparison.Ordinal);
            Assert.Contains(browser.Driver.FindElement(By.Id("print-project-number")).Text, number, StringComparison.Ordinal);
            output.WriteLine("print view: " + browser.SaveFullPageScreenshot("review-print"));
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("review-failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Assert.Fail($"Step '{step}' failed: {ex.Message}\n{artifacts}\n\n{ex}");
        }
    }

    private static void GiveOpinion(Browser browser, string verdict, string text)
    {
        browser.WaitForVisible("#opinion-form");
        browser.Choose("Input.Verdict", verdict);
        browser.Type("Input.OpinionText", text);
        browser.Driver.FindElement(By.Id("opinion-submit")).Click();
        browser.WaitFor("the opinion on the page", d => d.FindElements(By.Id("opinion-form")).Count == 0);
    }

    private static void SignOut(Browser browser)
    {
        browser.Driver.FindElement(By.Id("sign-out")).Click();
        browser.WaitForVisible("#login-form");
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
}
