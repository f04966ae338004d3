using System.Net;
using ClientCrm.Development.Seeding;
using ClientCrm.Domain.Access;
using ClientCrm.IntegrationTests.Admin;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Account;

/// <summary>
/// ASVS V7.4: sign-out, a password change, disabling and a role change end every cookie issued before them at its next
/// request. The stamp validation interval is an hour here, as in a long-lived production session between two database
/// checks: what ends the sessions is the per-request check, not the periodic one.
/// </summary>
public sealed class SessionEndTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly Uri Site = new("https://localhost/");

    private readonly UserReads _reads = new();

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Crm:SecurityStampValidationInterval", "01:00:00");
        builder.ConfigureTestServices(s => s.AddScoped<IUserStore<CrmUser>>(sp => new CountingUserStore(sp.GetRequiredService<CrmDbContext>(), _reads)));
    }

    [Fact]
    public async Task After_sign_out_the_old_cookie_and_the_users_other_sessions_no_longer_open_the_client_list()
    {
        // A browser whose cookies the test can read, to replay a copy of one later.
        var jar = new CookieContainer();
        using var browser = new CrmClient(App.CreateDefaultClient(Site, new CookieContainerHandler(jar)));
        await browser.SignInAsync("staff1a");
        await browser.GetPageAsync("/Clients");
        var copied = jar.GetCookieHeader(Site);
        var otherDevice = await SignedInAsync("staff1a");
        await otherDevice.GetPageAsync("/Clients");

        using (var signedOut = await browser.SubmitAsync("/Clients", "form[action='/Account/Logout']"))
        {
            AdminTestData.AssertRedirectsTo(signedOut, "/Account/Login");
        }

        using (var replayed = await WithCookieAsync(copied, "/Clients"))
        {
            AdminTestData.AssertRedirectsTo(replayed, "/Account/Login");
        }

        using (var other = await otherDevice.GetAsync("/Clients"))
        {
            AdminTestData.AssertRedirectsTo(other, "/Account/Login");
        }

        // Signing in again gives a session that works.
        var again = await SignedInAsync("staff1a");
        await again.GetPageAsync("/Clients");
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_session_at_the_next_request()
    {
        var staff = await SignedInAsync("staff1b");
        await staff.GetPageAsync("/Clients");
        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "staff1b");

        using (var disabled = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#disable-form"))
        {
            AdminTestData.AssertRedirectsTo(disabled, $"/Admin/Users/Edit/{id}");
        }

        using var next = await staff.GetAsync("/Clients");
        AdminTestData.AssertRedirectsTo(next, "/Account/Login");
    }

    [Fact]
    public async Task A_role_change_ends_the_users_session_at_the_next_request()
    {
        var staff = await SignedInAsync("staff1a");
        await staff.GetPageAsync("/Clients");
        var admin = await SignedInAsync("admin");
        var id = await AdminTestData.UserIdAsync(App, "staff1a");

        using (var saved = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", "#user-form",
                   new Dictionary<string, string?> { ["Input.Role"] = Roles.DepartmentHead }))
        {
            AdminTestData.AssertRedirectsTo(saved, $"/Admin/Users/Edit/{id}");
        }

        using (var next = await staff.GetAsync("/Clients"))
        {
            AdminTestData.AssertRedirectsTo(next, "/Account/Login");
        }

        // The next sign-in carries the new role: the grading pages are a head's.
        var head = await SignedInAsync("staff1a");
        await head.GetPageAsync("/Grading");
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_other_sessions_and_keeps_the_current_one()
    {
        var laptop = await SignedInAsync("staff1a");
        var phone = await SignedInAsync("staff1a");
        await phone.GetPageAsync("/Clients");

        using (var changed = await laptop.SubmitAsync("/Account/ChangePassword", "#change-password-form", new Dictionary<string, string?>
               {
                   ["Input.CurrentPassword"] = DemoData.Password,
                   ["Input.NewPassword"] = AdminTestData.NewPassword,
                   ["Input.ConfirmPassword"] = AdminTestData.NewPassword,
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        await laptop.GetPageAsync("/Clients");
        using var other = await phone.GetAsync("/Clients");
        AdminTestData.AssertRedirectsTo(other, "/Account/Login");
    }

    [Fact]
    public async Task A_session_is_checked_on_every_request_without_reading_the_user_and_other_users_sign_outs_leave_it_alone()
    {
        var staff = await SignedInAsync("staff1a");
        var before = _reads.Count;
        for (var i = 0; i < 5; i++)
        {
            await staff.GetPageAsync("/Clients");
        }

        Assert.Equal(before, _reads.Count);

        // Another user's sign-out ends only that user's sessions.
        var other = await SignedInAsync("staff1b");
        using (var signedOut = await other.SubmitAsync("/Clients", "form[action='/Account/Logout']"))
        {
            AdminTestData.AssertRedirectsTo(signedOut, "/Account/Login");
        }

        await staff.GetPageAsync("/Clients");
    }

    /// <summary>How often the app looked a user up by id (what a per-request database check of the cookie would do).</summary>
    private sealed class UserReads
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingUserStore(CrmDbContext db, UserReads reads) : UserStore<CrmUser, IdentityRole, CrmDbContext>(db)
    {
        public override Task<CrmUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default)
        {
            reads.Add();
            return base.FindByIdAsync(userId, cancellationToken);
        }
    }

    /// <summary>A request that carries exactly <paramref name="cookieHeader"/>, as someone holding a copy of the cookie would send it.</summary>
    private async Task<HttpResponseMessage> WithCookieAsync(string cookieHeader, string path)
    {
        using var http = App.CreateDefaultClient(Site);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookieHeader);
        return await http.SendAsync(request);
    }
}
