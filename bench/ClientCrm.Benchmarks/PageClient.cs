using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ClientCrm.Benchmarks;

/// <summary>
/// Cookies kept by hand. Outside Development the app's cookies are <c>__Host-</c> and <c>Secure</c>, which a cookie
/// container never sends over plain http; the benchmark talks plain http to 127.0.0.1, so it keeps them itself and
/// sends them in a Cookie header (as wrk does with -H).
/// </summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>The Cookie request header for what the jar holds ("" when empty).</summary>
    public string Header => string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value));

    /// <summary>Applies the response's Set-Cookie headers in order: a later one replaces, an expired or empty one deletes.</summary>
    public void Apply(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var setCookie in values)
        {
            var parts = setCookie.Split(';', StringSplitOptions.TrimEntries);
            var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = parts[0][..eq];
            var value = parts[0][(eq + 1)..];
            var expired = value.Length == 0;
            foreach (var attribute in parts.Skip(1))
            {
                if (attribute.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                    && DateTimeOffset.TryParse(attribute[8..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
                    && expires < DateTimeOffset.UtcNow)
                {
                    expired = true;
                }
                else if (attribute.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase)
                         && long.TryParse(attribute[8..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxAge) && maxAge <= 0)
                {
                    expired = true;
                }
            }

            if (expired)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }
}

/// <summary>What one GET returned.</summary>
public sealed record PageResponse(HttpStatusCode Status, string? Location, string Body);

/// <summary>
/// Plain HTTP to the app under test with hand-kept cookies and no redirects followed, so a redirect to the sign-in
/// page shows as what it is.
/// </summary>
public sealed partial class PageClient : IDisposable
{
    public const string SignInPath = "/Account/Login";
    public const string ForwardedProtoHeader = "X-Forwarded-Proto";

    private readonly HttpClient _http;

    public PageClient(Uri baseAddress)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseAddress,
            // Slow pages are what this benchmark is for; a single fetch may take seconds before the fix.
            Timeout = TimeSpan.FromSeconds(120),
        };
        // What the TLS-terminating proxy in front of the app adds (docs/operations.md); see AppUnderTest.
        _http.DefaultRequestHeaders.Add(ForwardedProtoHeader, "https");
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<PageResponse> GetAsync(string url, CookieJar? jar, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (jar is not null && jar.Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", jar.Header);
        }

        using var response = await _http.SendAsync(request, ct);
        jar?.Apply(response);
        return new PageResponse(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>
    /// Signs in through the form, as a browser does: GET the sign-in page (antiforgery cookie and hidden token), POST
    /// user name, password and token, keep the auth cookie; then checks that <c>GET /</c> is 200 and not the sign-in
    /// page. Returns the cookies to send (auth and antiforgery).
    /// </summary>
    public async Task<CookieJar> SignInAsync(string userName, string password, CancellationToken ct)
    {
        var jar = new CookieJar();
        var form = await GetAsync(SignInPath, jar, ct);
        if (form.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {SignInPath} answered {(int)form.Status}.");
        }

        var token = HiddenInput(form.Body, "__RequestVerificationToken")
            ?? throw new InvalidOperationException($"GET {SignInPath} has no __RequestVerificationToken input.");
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(SignInPath, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
                ["ReturnUrl"] = "",
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", jar.Header);
        using (var response = await _http.SendAsync(post, ct))
        {
            jar.Apply(response);
            if (response.StatusCode != HttpStatusCode.Found)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                var summary = ValidationSummary().Match(body);
                throw new InvalidOperationException(
                    $"Signing in as {userName} answered {(int)response.StatusCode} instead of a redirect"
                    + (summary.Success ? ": " + WebUtility.HtmlDecode(TagPattern().Replace(summary.Value, " ")).Trim() : "."));
            }
        }

        if (!jar.Cookies.Keys.Any(k => k.Contains("ClientCrm.Auth", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Signing in as {userName} set no auth cookie (got: {string.Join(", ", jar.Cookies.Keys)}).");
        }

        var start = await GetAsync("/", jar, ct);
        if (start.Status != HttpStatusCode.OK || IsSignInPage(start.Body))
        {
            throw new InvalidOperationException($"After signing in as {userName}, GET / answered {(int)start.Status}{(start.Location is null ? "" : " to " + start.Location)}.");
        }

        return jar;
    }

    public static bool IsSignInPage(string body) => body.Contains("id=\"login-form\"", StringComparison.Ordinal);

    /// <summary>The HTML-decoded href of the link with the given id, or null.</summary>
    public static string? LinkHref(string html, string id)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match tag in AnchorTag().Matches(html))
        {
            if (!tag.Value.Contains("id=\"" + id + "\"", StringComparison.Ordinal))
            {
                continue;
            }

            var href = HrefAttribute().Match(tag.Value);
            return href.Success ? WebUtility.HtmlDecode(href.Groups[1].Value) : null;
        }

        return null;
    }

    private static string? HiddenInput(string html, string name)
    {
        foreach (Match tag in InputTag().Matches(html))
        {
            if (tag.Value.Contains("name=\"" + name + "\"", StringComparison.Ordinal))
            {
                var value = ValueAttribute().Match(tag.Value);
                return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<a\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorTag();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bhref=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HrefAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<div[^>]*validation-summary[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex ValidationSummary();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
