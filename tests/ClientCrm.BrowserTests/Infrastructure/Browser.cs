using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ClientCrm.BrowserTests.Infrastructure;

/// <summary>
/// Headless Debian Chromium driven through the machine's own chromedriver. Nothing is downloaded: the driver path is
/// given explicitly, so Selenium Manager never runs, and Chromium's background networking is switched off.
/// </summary>
internal sealed class Browser : IDisposable
{
    public const string InstallHint = "apt-get install chromium chromium-driver fonts-noto-cjk";

    private const string ChromiumBinary = "/usr/bin/chromium";
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    private readonly string _profile;
    private readonly Uri _baseAddress;

    private Browser(ChromeDriver driver, string profile, Uri baseAddress)
    {
        Driver = driver;
        _profile = profile;
        _baseAddress = baseAddress;
    }

    public ChromeDriver Driver { get; }

    /// <summary>Folder for screenshots and page sources: browser-artifacts beside the test assembly.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

    public static Browser Start(Uri baseAddress)
    {
        // Belt and braces: should any code path still reach Selenium Manager, it must not go online.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        Environment.SetEnvironmentVariable("SE_AVOID_STATS", "true");

        var (chromium, chromedriver) = Locate();
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;

        var profile = Path.Combine(Path.GetTempPath(), "clientcrm-chromium-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(profile);
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-features=Translate,OptimizationHints,MediaRouter",
            "--no-first-run",
            "--no-default-browser-check",
            "--window-size=1366,900",

            // Bootstrap turns on smooth scrolling unless reduced motion is asked for; chromedriver then measures the
            // click point while the page is still scrolling and the click lands elsewhere ("click intercepted").
            "--force-prefers-reduced-motion",
            "--user-data-dir=" + profile);

        try
        {
            var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            return new Browser(driver, profile, baseAddress);
        }
        catch
        {
            service.Dispose();
            DeleteQuietly(profile);
            throw;
        }
    }

    /// <summary>
    /// Paths of Chromium and chromedriver. A missing one fails the test, never skips it: a skipped browser test would
    /// look green in CI.
    /// </summary>
    public static (string Chromium, string ChromeDriver) Locate()
    {
        var chromium = File.Exists(ChromiumBinary) ? ChromiumBinary : FindOnPath("chromium");
        var chromedriver = FindOnPath("chromedriver");
        if (chromium is null || chromedriver is null)
        {
            var missing = chromium is null ? $"Chromium (no {ChromiumBinary}, no `chromium` on PATH)" : "chromedriver (no `chromedriver` on PATH)";
            Assert.Fail($"{missing} is not installed. The browser tests need Debian's Chromium, its driver and CJK fonts: {InstallHint}");
        }

        return (chromium, chromedriver);
    }

    public void GoTo(string relativeUrl) => Driver.Navigate().GoToUrl(new Uri(_baseAddress, relativeUrl));

    /// <summary>Waits until <paramref name="condition"/> returns a non-null, non-false value.</summary>
    public T WaitFor<T>(string what, Func<IWebDriver, T> condition)
    {
        var wait = new WebDriverWait(Driver, WaitTimeout) { Message = "Timed out waiting for " + what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition);
        }
        catch (WebDriverTimeoutException ex)
        {
            throw new WebDriverTimeoutException($"{ex.Message} (the browser is on {Driver.Url})", ex);
        }
    }

    public IWebElement WaitForVisible(string cssSelector) =>
        WaitFor($"'{cssSelector}' to be visible", d =>
        {
            var element = d.FindElement(By.CssSelector(cssSelector));
            return element.Displayed ? element : null;
        })!;

    /// <summary>Waits until the browser is on a page whose path is <paramref name="path"/>.</summary>
    public void WaitForPath(string path) =>
        WaitFor($"the page {path}", d =>
            string.Equals(new Uri(d.Url).AbsolutePath, path, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Clicks the menu entry with id <paramref name="id"/>; an entry inside one of the bar's dropdowns is reached by opening
    /// that dropdown first, as a user does.
    /// </summary>
    public void ClickMenuItem(string id)
    {
        var item = Driver.FindElement(By.Id(id));
        if (!item.Displayed)
        {
            item.FindElement(By.XPath("./ancestor::li[contains(@class,'dropdown')]/a[contains(@class,'dropdown-toggle')]")).Click();
            WaitForVisible("#" + id);
        }

        item.Click();
    }

    /// <summary>Lays the page out for a viewport <paramref name="width"/> CSS pixels wide (DevTools emulation, not a window resize).</summary>
    public void SetViewportWidth(int width, int height = 900) =>
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = false,
        });

    public void ResetViewport() => Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);

    public void Type(string fieldName, string text)
    {
        var field = Driver.FindElement(By.Name(fieldName));
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Picks the option with value <paramref name="value"/> in the select named <paramref name="fieldName"/>.</summary>
    public void Choose(string fieldName, string value)
    {
        var option = Driver.FindElement(By.CssSelector($"select[name='{fieldName}'] option[value='{value}']"));
        option.Click();
        if (!option.Selected)
        {
            throw new InvalidOperationException($"Option '{value}' of {fieldName} did not become selected.");
        }
    }

    /// <summary>
    /// Screenshot of the whole page, not just the viewport, through the DevTools protocol. Resizing the window for the
    /// shot instead leaves Chromium's layout in flux, and the next click can land on stale coordinates.
    /// </summary>
    public string SaveFullPageScreenshot(string name)
    {
        var metrics = Cdp("Page.getLayoutMetrics", []);
        var content = metrics["cssContentSize"] as System.Collections.IDictionary
            ?? throw new InvalidOperationException("Page.getLayoutMetrics returned no cssContentSize.");

        // The capture lays the page out without the scrollbar, so it is as wide as the window, not the content box.
        var width = Math.Max(Convert.ToDouble(content["width"], CultureInfo.InvariantCulture),
            Convert.ToDouble(Driver.ExecuteScript("return window.innerWidth;"), CultureInfo.InvariantCulture));
        var shot = Cdp("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object?>
            {
                ["x"] = 0,
                ["y"] = 0,
                ["width"] = width,
                ["height"] = content["height"],
                ["scale"] = 1,
            },
        });
        Directory.CreateDirectory(ArtifactsDirectory);
        var path = Path.Combine(ArtifactsDirectory, name + ".png");
        File.WriteAllBytes(path, Convert.FromBase64String(shot["data"] as string ?? throw new InvalidOperationException("Page.captureScreenshot returned no data.")));
        return path;
    }

    public string SaveScreenshot(string name)
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        var path = Path.Combine(ArtifactsDirectory, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>Screenshot plus page source for a failure; never throws, since it runs while a failure is being reported.</summary>
    public string SaveFailureArtifacts(string name)
    {
        var notes = new List<string>();
        try
        {
            notes.Add("screenshot: " + SaveFullPageScreenshot(name));
        }
        catch (Exception fullPage) when (fullPage is WebDriverException or InvalidOperationException or IOException)
        {
            try
            {
                notes.Add("screenshot (viewport only): " + SaveScreenshot(name));
            }
            catch (Exception ex) when (ex is WebDriverException or IOException)
            {
                notes.Add($"screenshot failed: {fullPage.Message} / {ex.Message}");
            }
        }

        try
        {
            var html = Path.Combine(ArtifactsDirectory, name + ".html");
            File.WriteAllText(html, $"<!-- {Driver.Url} -->\n{Driver.PageSource}");
            notes.Add("page source: " + html);
        }
        catch (Exception ex) when (ex is WebDriverException or IOException)
        {
            notes.Add("page source failed: " + ex.Message);
        }

        return string.Join("\n", notes);
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        catch (WebDriverException)
        {
            // A crashed browser cannot be asked to quit; Dispose below still stops chromedriver.
        }

        Driver.Dispose();
        DeleteQuietly(_profile);
    }

    private System.Collections.IDictionary Cdp(string command, Dictionary<string, object?> parameters) =>
        Driver.ExecuteCdpCommand(command, parameters) as System.Collections.IDictionary
            ?? throw new InvalidOperationException($"DevTools command {command} returned no result.");

    private static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, executable))
            .FirstOrDefault(File.Exists);

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Chromium's last helper processes may still hold files; a leftover temp profile is harmless.
        }
    }
}
