using System.Globalization;
using System.Text.Json;
using ClientCrm.BrowserTests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// The top menu stays on one line at common laptop widths: at 1280 px every item of the leader's bar wrapped onto two
/// lines (in English already at 1366). Measured in Chromium for the two roles with the most entries, in both languages,
/// and the grouped entries open from their dropdown (Bootstrap's script, served by the app itself).
/// </summary>
public sealed class NavigationBarTests(ITestOutputHelper output)
{
    private const string DemoPassword = "ClientCrm-Demo-2026";

    /// <summary>One row: the bar's padding (2 × 8 px) around one 40 px line, with a little room for rounding.</summary>
    private const double OneLineBar = 64;

    /// <summary>A menu entry on one line is a 40 px link; two lines would be about 64 px.</summary>
    private const double OneLineEntry = 48;

    // Everything the bar shows, measured where it is laid out: the height of the bar, of its tallest entry, the spread
    // of the entries' vertical middles (all on one row: a few pixels) and whether anything overflows the viewport.
    private const string MeasureScript = """
        const bar = document.querySelector('nav.navbar');
        const entries = [...document.querySelectorAll('.navbar-brand, #mainNav .nav-link, #mainNav .btn, #mainNav .navbar-text')]
            .filter(e => e.offsetParent !== null)
            .map(e => e.getBoundingClientRect());
        const middles = entries.map(r => r.top + r.height / 2);
        return JSON.stringify({
            viewport: window.innerWidth,
            bar: bar.getBoundingClientRect().height,
            tallest: Math.max(...entries.map(r => r.height)),
            spread: Math.max(...middles) - Math.min(...middles),
            overflow: document.documentElement.scrollWidth > window.innerWidth,
            collapsed: getComputedStyle(document.querySelector('.navbar-toggler')).display !== 'none',
            entries: entries.length
        });
        """;

    [Fact]
    public async Task The_menu_fits_on_one_line_at_1024_and_1280_px_for_leaders_and_admins_in_both_languages()
    {
        Browser.Locate();
        await using var app = await BrowserAppHost.StartAsync();
        using var browser = Browser.Start(app.BaseAddress);

        var step = "start";
        try
        {
            foreach (var user in new[] { "leader", "admin" })
            {
                step = $"sign in as {user}";
                SignIn(browser, user);
                foreach (var culture in new[] { "zh-CN", "en-US" })
                {
                    step = $"{user}: switch to {culture}";
                    UseCulture(browser, culture);
                    foreach (var width in new[] { 1024, 1280 })
                    {
                        step = $"{user}, {culture}, {width} px";
                        browser.SetViewportWidth(width);
                        using var measurement = JsonDocument.Parse(browser.Driver.ExecuteScript(MeasureScript) as string ?? "{}");
                        var m = measurement.RootElement;
                        var measured = $"bar {m.GetProperty("bar").GetDouble():0} px, tallest entry {m.GetProperty("tallest").GetDouble():0} px, "
                                       + $"spread {m.GetProperty("spread").GetDouble():0} px, {m.GetProperty("entries").GetInt32()} entries";
                        output.WriteLine($"{step}: {measured}");
                        Assert.Equal(width, m.GetProperty("viewport").GetInt32());
                        Assert.False(m.GetProperty("collapsed").GetBoolean(), $"{step}: the menu collapsed into the toggler");
                        Assert.True(m.GetProperty("bar").GetDouble() <= OneLineBar, $"{step}: the bar is taller than one line ({measured})");
                        Assert.True(m.GetProperty("tallest").GetDouble() <= OneLineEntry, $"{step}: an entry wraps onto two lines ({measured})");
                        Assert.True(m.GetProperty("spread").GetDouble() <= 4, $"{step}: the entries are not on one row ({measured})");
                        Assert.False(m.GetProperty("overflow").GetBoolean(), $"{step}: the page is wider than the window ({measured})");
                        output.WriteLine(browser.SaveScreenshot(string.Create(CultureInfo.InvariantCulture, $"menu-{user}-{culture}-{width}")));
                    }

                    browser.ResetViewport();
                }

                step = $"{user}: open a grouped entry from its dropdown";
                var (entry, path) = user == "leader" ? ("nav-warning-settings", "/Settings/Warnings") : ("nav-departments", "/Admin/Departments");
                browser.ClickMenuItem(entry);
                browser.WaitForPath(path);

                step = $"{user}: sign out";
                UseCulture(browser, "zh-CN");
                browser.Driver.FindElement(By.Id("sign-out")).Click();
                browser.WaitForVisible("#login-form");
            }

            step = "the leader's change-password entry sits in the user's dropdown";
            SignIn(browser, "leader");
            browser.ClickMenuItem("change-password");
            browser.WaitForPath("/Account/ChangePassword");
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("menu-failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Assert.Fail($"Step '{step}' failed: {ex.Message}\n{artifacts}\n\n{ex}");
        }
    }

    private static void SignIn(Browser browser, string user)
    {
        browser.GoTo("/Account/Login");
        browser.WaitForVisible("#login-form");
        browser.Type("Input.UserName", user);
        browser.Type("Input.Password", DemoPassword);
        browser.Driver.FindElement(By.Id("login-submit")).Click();
        browser.WaitForVisible("#sign-out");
    }

    /// <summary>Presses the bar's language button when the page is in the other language.</summary>
    private static void UseCulture(Browser browser, string culture)
    {
        var lang = culture == "en-US" ? "en" : "zh-CN";
        if (browser.Driver.FindElement(By.TagName("html")).GetAttribute("lang") == lang)
        {
            return;
        }

        browser.Driver.FindElement(By.Id("switch-culture")).Click();
        browser.WaitFor($"the page in {culture}", d => d.FindElement(By.TagName("html")).GetAttribute("lang") == lang);
    }
}
