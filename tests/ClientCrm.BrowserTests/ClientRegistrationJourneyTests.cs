using System.Diagnostics;
using ClientCrm.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// The staff member's everyday path through a real browser: sign in, register a client with its first principal,
/// find it again in the list, sign out. Runs the real app on Kestrel against a private PostgreSQL cluster.
/// </summary>
public sealed class ClientRegistrationJourneyTests(ITestOutputHelper output)
{
    private const string StaffUser = "staff1a";
    private const string DemoPassword = "ClientCrm-Demo-2026";

    [Fact]
    public async Task A_staff_member_registers_a_client_with_its_principal_finds_it_in_the_list_and_signs_out()
    {
        var total = Stopwatch.StartNew();
        Browser.Locate();

        await using var app = await BrowserAppHost.StartAsync();
        output.WriteLine($"app listening on {app.BaseAddress} after {total.Elapsed.TotalSeconds:0.0} s");
        using var browser = Browser.Start(app.BaseAddress);

        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var clientName = $"Gulf Browser Contracting {suffix} LLC";
        const string PrincipalName = "Khalid Al Mansouri";

        var step = "sign in";
        try
        {
            var journey = Stopwatch.StartNew();
            browser.GoTo("/Account/Login");
            browser.WaitForVisible("#login-form");
            browser.Type("Input.UserName", StaffUser);
            browser.Type("Input.Password", DemoPassword);
            browser.Driver.FindElement(By.Id("login-submit")).Click();
            browser.WaitForVisible("#sign-out");

            step = "open 客户登记";
            browser.ClickMenuItem("nav-register-client");
            browser.WaitForPath("/Clients/Create");
            var heading = browser.WaitForVisible("main h1");
            Assert.Equal("客户登记", heading.Text);
            var owner = browser.Driver.FindElement(By.CssSelector("select[name='OwnerId'] option:checked"));
            Assert.False(string.IsNullOrEmpty(owner.GetAttribute("value")), "the owner should be preselected for a staff member");

            step = "fill the enterprise card and the first principal card";
            browser.Choose("Input.Type", "Employer");
            browser.Choose("Input.LegalForm", "Company");
            browser.Type("Input.Name", clientName);
            browser.Type("Input.ChineseName", "海湾浏览器测试建筑有限公司");
            browser.Choose("Input.CountryCode", "AE");
            // Choosing the country fills in its reporting region.
            Assert.Equal("ME", browser.Driver.FindElement(By.Name("Input.Region")).GetAttribute("value"));
            browser.Choose("Input.Industry", "Construction");
            browser.Choose("Input.OperatingStatus", "Good");
            browser.Choose("Input.DemandTrend", "Growing");
            browser.Choose("Input.CooperationIntent", "Strong");
            browser.Type("Input.InformationSource", "2026 迪拜建筑展会，展台洽谈");
            browser.Type("Principal.Name", PrincipalName);
            browser.Type("Principal.Title", "人力资源总监");
            browser.Type("Principal.Phone", "+971 4 555 0142");
            output.WriteLine("filled registration form: " + browser.SaveFullPageScreenshot("registration-form-filled"));

            step = "submit the registration";
            browser.Driver.FindElement(By.Id("client-submit")).Click();
            // The details page (/Clients/{id}) is the only one with #client-name; a refused form stays on Create.
            var shownName = browser.WaitFor("the client's details page", d =>
                d.FindElements(By.CssSelector("#client-name")).FirstOrDefault(e => e.Displayed)
                ?? (d.FindElements(By.CssSelector(".validation-summary-errors, .field-validation-error")).Count > 0
                    ? throw new InvalidOperationException("The registration was refused: " + d.FindElement(By.Id("client-form")).Text)
                    : null));
            Assert.Equal(clientName, shownName!.Text);
            var principals = browser.Driver.FindElements(By.CssSelector("#principals .principal-name")).Select(e => e.Text).ToList();
            Assert.Contains(PrincipalName, principals);

            step = "find the client in the list";
            browser.GoTo("/Clients");
            var search = browser.WaitForVisible("#client-filter input[name='q']");
            search.SendKeys(clientName);
            search.SendKeys(Keys.Enter);

            // The unfiltered first page may already list the new client: only rows of the search result count.
            browser.WaitFor("the search result page", d => new Uri(d.Url).Query.Contains("q=", StringComparison.Ordinal));
            // WaitFor fails the test when no such row comes (it never returns null).
            browser.WaitFor($"a row for '{clientName}' in #client-table", d =>
                d.FindElements(By.CssSelector("#client-table tbody tr a.client-link")).FirstOrDefault(a => a.Text == clientName));
            Assert.Single(browser.Driver.FindElements(By.CssSelector("#client-table tbody tr[data-client-id]")));

            step = "sign out";
            browser.Driver.FindElement(By.Id("sign-out")).Click();
            browser.WaitForPath("/Account/Login");
            browser.WaitForVisible("#login-form");
            Assert.Empty(browser.Driver.FindElements(By.Id("sign-out")));
            output.WriteLine($"browser journey took {journey.Elapsed.TotalSeconds:0.0} s; whole test {total.Elapsed.TotalSeconds:0.0} s");
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Fail($"Step '{step}' failed: {ex.Message}\n{artifacts}\n\n{ex}");
        }
    }
}
