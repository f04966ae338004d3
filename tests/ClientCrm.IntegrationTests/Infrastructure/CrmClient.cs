using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ClientCrm.Development.Seeding;

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>
/// Drives the app the way a browser does: reads the HTML, fills the real form (antiforgery token and every field
/// already on it included) and posts it. Nothing is posted that the page did not offer, except the values a test sets.
/// </summary>
public sealed class CrmClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> GetAsync(string url) => await Http.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>GETs a page that must answer 200 and returns its parsed HTML.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {Shorten(html)}");
        return await Parser.ParseDocumentAsync(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Loads <paramref name="pageUrl"/>, fills the form matching <paramref name="formSelector"/> and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formSelector, IReadOnlyDictionary<string, string?>? values = null,
        string? submitName = null, string? submitValue = null)
    {
        var page = await GetPageAsync(pageUrl);
        return await SubmitAsync(page, pageUrl, formSelector, values, submitName, submitValue);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string pageUrl, string formSelector,
        IReadOnlyDictionary<string, string?>? values = null, string? submitName = null, string? submitValue = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(input.Name, input.Value));
                        }
                    }
                    else
                    {
                        fields.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.SelectedOptions.FirstOrDefault()?.Value ?? select.Options.FirstOrDefault()?.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                default:
                    break;
            }
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            // A checkbox posts "true" plus its hidden "false"; setting a value replaces every field of that name.
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        if (submitName is not null)
        {
            fields.Add(new(submitName, submitValue ?? ""));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(target, UriKind.Relative), content);
    }

    /// <summary>
    /// Posts <paramref name="values"/> straight to <paramref name="url"/> with this user's real antiforgery token (from the
    /// start page): how a test sends what no form offered this user, to prove the server refuses it.
    /// </summary>
    public async Task<HttpResponseMessage> PostDirectAsync(string url, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var page = await GetPageAsync("/");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
                    ?? throw new InvalidOperationException("No antiforgery token on the start page");
        var fields = values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!))
            .Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>Signs in through the login form and checks the app redirected away from it.</summary>
    public async Task SignInAsync(string userName, string password = DemoData.Password)
    {
        using var response = await SubmitAsync("/Account/Login", "#login-form",
            new Dictionary<string, string?> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"sign-in as {userName} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
    }

    public static string Shorten(string html) => html.Length > 2000 ? html[..2000] : html;

    public void Dispose() => Http.Dispose();
}

public static class HtmlAssert
{
    /// <summary>The validation message rendered next to the field named <paramref name="fieldName"/>.</summary>
    public static string FieldError(IDocument page, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector($"[data-valmsg-for='{fieldName}']")?.TextContent.Trim() ?? "";
    }

    public static string FieldValue(IDocument page, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector($"[name='{fieldName}']") switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlTextAreaElement area => area.Value,
            IHtmlSelectElement select => select.SelectedOptions.FirstOrDefault()?.Value ?? "",
            _ => throw new InvalidOperationException($"No field {fieldName}"),
        };
    }
}
