using System.Net;
using AngleSharp.Html.Dom;
using ClientCrm.Development.Seeding;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.IntegrationTests.Admin;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClientCrm.IntegrationTests.Account;

/// <summary>
/// ASVS V6.3: the sign-in form does not tell which accounts exist (the same page, and a password hash in every case,
/// so the same time), and guessing runs are slowed per client address and per account name. The addresses come from
/// X-Forwarded-For, as behind the reverse proxy (ASPNETCORE_FORWARDEDHEADERS_ENABLED).
/// </summary>
public sealed class SignInGuessingTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string Failed = "用户名或密码不正确，或账号已暂时锁定。请核对后再试，或联系系统管理员。";
    private const string TooMany = "尝试过于频繁，请稍后再试。";

    private readonly CountingHasher _hasher = new();

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("FORWARDEDHEADERS_ENABLED", "true");
        builder.UseSetting("Crm:SignIn:PerAccount", "3");
        builder.UseSetting("Crm:SignIn:PerAddress", "5");
        builder.UseSetting("Crm:SignIn:Window", "01:00:00");
        builder.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<CrmUser>>(sp =>
            _hasher.Over(new PasswordHasher<CrmUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()))));
    }

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_same_page_and_both_cost_one_password_hash()
    {
        var before = _hasher.Verified;
        using var unknown = await AttemptAsync("198.51.100.1", "no-such-user", "Some-Guess-4711");
        var afterUnknown = _hasher.Verified;
        using var wrong = await AttemptAsync("198.51.100.2", "staff1a", "Some-Guess-4711");
        var afterWrong = _hasher.Verified;

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var (unknownPage, wrongPage) = (await CrmClient.ParseAsync(unknown), await CrmClient.ParseAsync(wrong));
        Assert.Equal(Failed, Summary(unknownPage));
        Assert.Equal(MainText(wrongPage), MainText(unknownPage));
        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterWrong - afterUnknown);
    }

    [Fact]
    public async Task A_locked_account_gets_the_same_message_as_a_wrong_password_and_costs_a_hash_too()
    {
        await App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "staff2a");
            user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15);
            await db.SaveChangesAsync();
        });

        var before = _hasher.Verified;
        using var locked = await AttemptAsync("198.51.100.3", "staff2a", DemoData.Password);
        var afterLocked = _hasher.Verified;
        using var wrong = await AttemptAsync("198.51.100.4", "staff1b", "Not-The-Password-1");

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var lockedPage = await CrmClient.ParseAsync(locked);
        Assert.Equal(Failed, Summary(lockedPage));
        Assert.Equal(MainText(await CrmClient.ParseAsync(wrong)), MainText(lockedPage));
        Assert.Equal(1, afterLocked - before);
    }

    [Fact]
    public async Task After_the_allowed_attempts_for_an_account_the_next_is_refused_with_429_while_its_session_and_other_accounts_go_on()
    {
        // The real user signed in earlier (the first of the account's three attempts this hour).
        var owner = Anonymous();
        owner.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.10");
        await owner.SignInAsync("staff2a");

        for (var i = 0; i < 2; i++)
        {
            using var guess = await AttemptAsync("203.0.113.7", "staff2a", "guess-number-" + i);
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }

        var hashesBefore = _hasher.Verified;
        using var refused = await AttemptAsync("203.0.113.8", " STAFF2A ", DemoData.Password);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "no Retry-After header");
        var page = await CrmClient.ParseAsync(refused);
        Assert.Equal(TooMany, Summary(page));
        Assert.Equal(" STAFF2A ", HtmlAssert.FieldValue(page, "Input.UserName"));
        Assert.Equal(hashesBefore, _hasher.Verified);
        // Refused attempts do not count towards the lockout: the guesses cannot lock the account.
        Assert.Equal(2, await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "staff2a").Select(u => u.AccessFailedCount).SingleAsync()));

        await owner.GetPageAsync("/Clients");
        var other = Anonymous();
        other.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
        await other.SignInAsync("staff1b");
    }

    [Fact]
    public async Task After_the_allowed_attempts_from_an_address_the_next_is_refused_whatever_account_it_names()
    {
        for (var i = 0; i < 5; i++)
        {
            using var guess = await AttemptAsync("203.0.113.50", "guessed-name-" + i, "Some-Guess-4711");
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }

        using (var refused = await AttemptAsync("203.0.113.50", "head1", DemoData.Password))
        {
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            Assert.Equal(TooMany, Summary(await CrmClient.ParseAsync(refused)));
        }

        using (var english = await AttemptAsync("203.0.113.50", "head1", DemoData.Password, english: true))
        {
            Assert.Equal((HttpStatusCode)429, english.StatusCode);
            Assert.Equal("Too many attempts: please try again later.", Summary(await CrmClient.ParseAsync(english)));
        }

        var elsewhere = Anonymous();
        elsewhere.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.51");
        await elsewhere.SignInAsync("head1");
    }

    private async Task<HttpResponseMessage> AttemptAsync(string address, string userName, string password, bool english = false)
    {
        var client = Anonymous();
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (english)
        {
            using var switched = await client.SubmitAsync("/Account/Login", "form[action='/Culture']", submitName: "culture", submitValue: "en-US");
        }

        return await AdminTestData.TryLoginAsync(client, userName, password);
    }

    private static string Summary(IHtmlDocument page) =>
        page.QuerySelector("#login-form .validation-summary-errors")?.TextContent.Trim() ?? "";

    private static string MainText(IHtmlDocument page) => page.QuerySelector("main")!.TextContent;

    /// <summary>Counts the password checks of the app's hasher (the real one does the work).</summary>
    private sealed class CountingHasher
    {
        private int _verified;

        public int Verified => Volatile.Read(ref _verified);

        public IPasswordHasher<CrmUser> Over(IPasswordHasher<CrmUser> inner) => new Counting(this, inner);

        private sealed class Counting(CountingHasher counter, IPasswordHasher<CrmUser> inner) : IPasswordHasher<CrmUser>
        {
            public string HashPassword(CrmUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(CrmUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref counter._verified);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}
