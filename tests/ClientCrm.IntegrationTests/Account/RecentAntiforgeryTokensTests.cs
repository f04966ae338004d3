using System.Net;
using System.Security.Claims;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClientCrm.IntegrationTests.Account;

/// <summary>
/// The forms' antiforgery token is made once per antiforgery cookie and user (RecentAntiforgeryTokens): wired into the app,
/// and a kept token is one the framework's validation accepts for its own user only. Every form test of the suite posts
/// tokens read from pages, so they all go through it too.
/// </summary>
public sealed class RecentAntiforgeryTokensTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string SignOutForm = "form[action='/Account/Logout']";

    [Fact]
    public async Task A_user_gets_the_same_token_on_each_page_and_it_signs_out_while_another_users_token_is_refused()
    {
        Assert.IsType<RecentAntiforgeryTokens>(App.Services.GetRequiredService<IAntiforgery>());
        var staff = await SignedInAsync("staff1a");
        var head = await SignedInAsync("head1");

        var first = TokenOf(await staff.GetPageAsync("/Clients"));
        var second = TokenOf(await staff.GetPageAsync("/"));
        Assert.Equal(first, second);
        var headsToken = TokenOf(await head.GetPageAsync("/"));
        Assert.NotEqual(first, headsToken);

        // The head's token with the head's cookie, but posted by the staff member's browser: refused by the framework.
        using (var forged = await PostSignOutAsync(staff, headsToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var own = await PostSignOutAsync(staff, second))
        {
            Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        }

        using var after = await staff.GetAsync("/Clients");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static string TokenOf(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector($"{SignOutForm} input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("No sign-out form with a token on the page");

    private static async Task<HttpResponseMessage> PostSignOutAsync(CrmClient client, string token)
    {
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await client.Http.PostAsync(new Uri("/Account/Logout", UriKind.Relative), content);
    }
}

/// <summary>RecentAntiforgeryTokens over a stand-in for the framework's antiforgery: no app needed, so none is started.</summary>
public sealed class RecentAntiforgeryTokensKeepingTests
{
    private const string CookieName = "__Host-ClientCrm.Antiforgery";
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_is_made_once_per_cookie_and_user_and_each_answer_with_it_is_marked_not_to_be_cached()
    {
        var making = new CountingAntiforgery();
        using var tokens = Keeping(making, new AdjustableClock(Start));

        var first = tokens.GetAndStoreTokens(Request("cookie-1", "user-a"));
        var again = Request("cookie-1", "user-a");
        var second = tokens.GetAndStoreTokens(again);

        Assert.Equal(1, making.Made);
        Assert.Same(first, second);
        Assert.Equal("no-cache, no-store", again.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-cache", again.Response.Headers.Pragma.ToString());

        // Another user with the same cookie (signed in since), another cookie, or no user: each made for itself.
        tokens.GetAndStoreTokens(Request("cookie-1", "user-b"));
        tokens.GetAndStoreTokens(Request("cookie-2", "user-a"));
        tokens.GetAndStoreTokens(Request("cookie-1", null));
        tokens.GetAndStoreTokens(Request("cookie-1", null));
        Assert.Equal(4, making.Made);
    }

    [Fact]
    public void Nothing_is_kept_when_the_framework_issued_a_new_cookie_without_a_cookie_or_over_plain_http()
    {
        var making = new CountingAntiforgery { IssuesNewCookie = true };
        using var tokens = Keeping(making, new AdjustableClock(Start));
        tokens.GetAndStoreTokens(Request("forged-or-stale", "user-a"));
        tokens.GetAndStoreTokens(Request("forged-or-stale", "user-a"));
        Assert.Equal(2, making.Made);

        making.IssuesNewCookie = false;
        tokens.GetAndStoreTokens(Request(null, "user-a"));
        tokens.GetAndStoreTokens(Request(null, "user-a"));
        tokens.GetAndStoreTokens(Request("cookie-1", "user-a", https: false));
        tokens.GetAndStoreTokens(Request("cookie-1", "user-a", https: false));
        Assert.Equal(6, making.Made);
    }

    [Fact]
    public void A_kept_token_is_made_again_after_its_lifetime()
    {
        var making = new CountingAntiforgery();
        var clock = new AdjustableClock(Start);
        using var tokens = Keeping(making, clock);

        tokens.GetAndStoreTokens(Request("cookie-1", "user-a"));
        clock.Advance(RecentAntiforgeryTokens.Lifetime - TimeSpan.FromSeconds(1));
        tokens.GetAndStoreTokens(Request("cookie-1", "user-a"));
        Assert.Equal(1, making.Made);

        clock.Advance(TimeSpan.FromSeconds(2));
        tokens.GetAndStoreTokens(Request("cookie-1", "user-a"));
        Assert.Equal(2, making.Made);
    }

    private static RecentAntiforgeryTokens Keeping(IAntiforgery making, TimeProvider clock)
    {
        var options = new AntiforgeryOptions();
        options.Cookie.Name = CookieName;
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        return new RecentAntiforgeryTokens(making, Options.Create(options), clock);
    }

    private static DefaultHttpContext Request(string? cookie, string? userId, bool https = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = https ? "https" : "http";
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{CookieName}={cookie}";
        }

        if (userId is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Identity.Application"));
        }

        return context;
    }

    /// <summary>Stands for the framework: makes a new token set each time, with a new cookie token when told to.</summary>
    private sealed class CountingAntiforgery : IAntiforgery
    {
        public int Made { get; private set; }

        public bool IssuesNewCookie { get; set; }

        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
        {
            Made++;
            return new AntiforgeryTokenSet($"request-{Made}", IssuesNewCookie ? $"cookie-{Made}" : null, "__RequestVerificationToken", "RequestVerificationToken");
        }

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => throw new NotSupportedException();

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => throw new NotSupportedException();

        public Task ValidateRequestAsync(HttpContext httpContext) => throw new NotSupportedException();

        public void SetCookieTokenAndHeader(HttpContext httpContext) => throw new NotSupportedException();
    }
}
