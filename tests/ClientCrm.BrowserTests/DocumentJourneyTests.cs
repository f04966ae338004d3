using System.Globalization;
using ClientCrm.BrowserTests.Infrastructure;
using ClientCrm.Development.Seeding;
using OpenQA.Selenium;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ClientCrm.BrowserTests;

/// <summary>
/// Issue 13 in a real browser: a member of staff uploads a dossier document of two pages (a PDF and a PNG) from the client
/// page's dossier panel, opens it, previews the image inline and downloads the PDF as an attachment with the same bytes.
/// </summary>
public sealed class DocumentJourneyTests(ITestOutputHelper output)
{
    private const string DemoPassword = "ClientCrm-Demo-2026";

    [Fact]
    public async Task Staff_upload_a_document_preview_it_and_download_it()
    {
        Browser.Locate();
        await using var app = await BrowserAppHost.StartAsync();
        using var browser = Browser.Start(app.BaseAddress);
        var folder = Directory.CreateTempSubdirectory("crm-upload-");
        var pdf = DemoDocuments.Pdf("Browser journey license");
        var pdfPath = Path.Combine(folder.FullName, "license.pdf");
        var pngPath = Path.Combine(folder.FullName, "page2.png");
        await File.WriteAllBytesAsync(pdfPath, pdf);
        await File.WriteAllBytesAsync(pngPath, DemoDocuments.Png(3));

        var step = "sign in as staff and open a client's dossier";
        try
        {
            browser.GoTo("/Account/Login");
            browser.WaitForVisible("#login-form");
            browser.Type("Input.UserName", "staff1a");
            browser.Type("Input.Password", DemoPassword);
            browser.Driver.FindElement(By.Id("login-submit")).Click();
            browser.WaitForVisible("#sign-out");
            browser.GoTo("/Clients?status=Active");
            browser.WaitForVisible("#client-table tbody tr a.client-link").Click();
            browser.WaitForVisible("#client-dossier");
            browser.Driver.FindElement(By.Id("client-dossier-link")).Click();
            browser.WaitForVisible("#upload-document").Click();

            step = "fill in the upload form with two files";
            browser.WaitForVisible("#document-form");
            browser.Choose("Input.Type", "CreditCertificate");
            browser.Choose("Input.CollectionMethod", "EmbassyCounsellor");
            browser.Driver.FindElement(By.Name("Input.ValidUntil")).SendKeys("12312030");
            browser.Type("Input.Notes", "使馆经商处转来的资信证明");
            browser.Driver.FindElement(By.Id("Files")).SendKeys(pdfPath + "\n" + pngPath);
            browser.Driver.FindElement(By.Id("document-submit")).Click();
            browser.WaitForVisible("#document-files");
            var names = browser.Driver.FindElements(By.CssSelector("#document-files .file-name")).Select(e => e.Text).ToList();
            Assert.Equal(["license.pdf", "page2.png"], names);
            output.WriteLine("uploaded: " + browser.SaveFullPageScreenshot("document-uploaded"));
            var documentPath = new Uri(browser.Driver.Url).AbsolutePath;

            step = "preview the image inline";
            var preview = browser.Driver.FindElements(By.CssSelector("#document-files a.file-preview")).Last().GetAttribute("href")!;
            browser.Driver.Navigate().GoToUrl(preview);
            var image = browser.WaitFor("the image to show", d => d.FindElements(By.TagName("img")).FirstOrDefault());
            browser.WaitFor("the image to load", _ => ((IJavaScriptExecutor)browser.Driver).ExecuteScript("return arguments[0].complete && arguments[0].naturalWidth === 64;", image!) is true);

            step = "download the PDF as an attachment";
            browser.GoTo(documentPath);
            var download = browser.WaitForVisible("#document-files a.file-download").GetAttribute("href")!;
            // Fetched in the page (the signed-in session), so the headers and bytes can be read back.
            var result = (IReadOnlyDictionary<string, object>)((IJavaScriptExecutor)browser.Driver).ExecuteAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => done({
                    status: r.status, disposition: r.headers.get('content-disposition'), type: r.headers.get('content-type'),
                    nosniff: r.headers.get('x-content-type-options'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())).join(',') }));
                """, download)!;
            Assert.Equal(200L, result["status"]);
            Assert.StartsWith("attachment", (string)result["disposition"]!, StringComparison.Ordinal);
            Assert.Equal("application/pdf", result["type"]);
            Assert.Equal("nosniff", result["nosniff"]);
            Assert.Equal(string.Join(',', pdf), result["bytes"]);
        }
        catch (Exception ex) when (ex is not FailException)
        {
            var artifacts = browser.SaveFailureArtifacts("document-failure-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Assert.Fail($"Step '{step}' failed: {ex.Message}\n{artifacts}\n\n{ex}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
