using System.Globalization;
using ClientCrm.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// Issue 12 in a real browser, across three signed-in roles: a member of staff starts and submits the evaluation of a
/// prospect, the head of the department finds it on the to-do list and reviews it, a leader approves it after
/// discussion; the client turns Active by itself, and the A4 evaluation form opens for printing.
/// </summary>
public sealed class EvaluationJourneyTests(ITestOutputHelper output)
{
    private const string DemoPassword = "ClientCrm-Demo-2026";

    [Fact]
    public async Task A_prospect_is_evaluated_by_staff_head_and_leader_turns_active_and_its_form_prints()
    {
        Browser.Locate();
        await using var app = await BrowserAppHost.StartAsync();
        using var browser = Browser.Start(app.BaseAddress);

        var step = "sign in as staff and open a prospect";
        try
        {
            SignIn(browser, "staff1a");
            browser.GoTo("/Clients?status=Prospect");
            var link = browser.WaitForVisible("#client-table tbody tr a.client-link");
            var clientName = link.Text;
            link.Click();
            browser.WaitForVisible("#client-gate");
            Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#client-gate-missing li[data-condition='EvaluationApproved']")));

            step = "start the evaluation and submit it";
            browser.Driver.FindElement(By.Id("evaluation-start")).Click();
            browser.WaitForVisible("#evaluation-form");
            browser.Type("Input.CreditStanding", "营业执照和银行资信证明已核实，近三年无欠薪记录。");
            browser.Type("Input.ProjectFeasibility", "招聘焊工 30 名，月薪 2,300 迪拉姆，公司三个月内可招齐并完成培训。");
            browser.Type("Input.ApplicablePolicies", "阿联酋劳动法及工作许可制度；符合《对外劳务合作管理条例》。");
            browser.Type("Input.DevelopmentCostCny", "42000");
            browser.Choose("Input.Risk", "Medium");
            browser.Type("Input.RiskReasons", "首次合作，付款记录待观察。");
            browser.Type("Input.Recommendation", "建议合作，首批不超过 30 人。");
            browser.Driver.FindElement(By.Id("evaluation-submit")).Click();
            browser.WaitForVisible("#evaluation-state[data-state='Submitted']");
            var evaluationPath = new Uri(browser.Driver.Url).AbsolutePath;
            output.WriteLine("submitted: " + browser.SaveFullPageScreenshot("evaluation-submitted"));
            browser.Driver.FindElement(By.Id("sign-out")).Click();
            browser.WaitForVisible("#login-form");

            step = "the head finds it on the to-do list and reviews it";
            SignIn(browser, "head1");
            browser.Driver.FindElement(By.Id("nav-todo")).Click();
            browser.WaitForPath("/Todo");
            var todo = browser.WaitFor("the evaluation on the to-do list", d =>
                d.FindElements(By.CssSelector("#todo-table tbody tr[data-kind='Evaluation'] a.todo-link")).FirstOrDefault(a => a.Text == clientName));
            todo!.Click();
            browser.WaitForPath(evaluationPath);
            browser.Type("Input.HeadOpinion", "资信良好，项目可行，同意上报公司领导。");
            browser.Driver.FindElement(By.Id("review-submit")).Click();
            browser.WaitForVisible("#evaluation-state[data-state='Reviewed']");
            browser.Driver.FindElement(By.Id("sign-out")).Click();
            browser.WaitForVisible("#login-form");

            step = "the leader approves it with the minutes";
            SignIn(browser, "leader");
            browser.GoTo(evaluationPath);
            browser.Type("Input.DecisionMinutes", "公司领导专题讨论：同意进入操作程序，按 ISO9001 进行合同评审。");
            browser.Type("Input.DecisionParticipants", "李强、张伟、陈静");
            browser.Driver.FindElement(By.Id("approve-submit")).Click();
            browser.WaitForVisible("#evaluation-state[data-state='Approved']");
            var kinds = browser.Driver.FindElements(By.CssSelector("#evaluation-timeline > li")).Select(l => l.GetAttribute("data-event-kind")).ToList();
            Assert.Equal(["Started", "Submitted", "Reviewed", "Approved"], kinds);
            output.WriteLine("approved: " + browser.SaveFullPageScreenshot("evaluation-approved"));

            step = "the client turns Active by itself";
            browser.WaitFor("the client to turn Active", d =>
            {
                browser.GoTo(evaluationPath);
                return d.FindElement(By.Id("evaluation-client-status")).GetAttribute("data-status") == "Active";
            });

            step = "open the print view";
            browser.GoTo(evaluationPath + "/Print");
            var sheet = browser.WaitForVisible("#evaluation-print");
            Assert.Contains("新客户情况评估表", sheet.Text, StringComparison.Ordinal);
            Assert.Contains("李强、张伟、陈静", sheet.Text, StringComparison.Ordinal);
            Assert.Equal("中", browser.Driver.FindElement(By.Id("print-risk")).Text);
            output.WriteLine("print view: " + browser.SaveFullPageScreenshot("evaluation-print"));
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("evaluation-failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
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
}
