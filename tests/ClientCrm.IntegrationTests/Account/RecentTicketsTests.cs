using System.Net;
using System.Security.Claims;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClientCrm.IntegrationTests.Account;

/// <summary>
/// The sign-in cookie is decrypted once per value and kept a minute (RecentTickets): wired into the app. What keeps a
/// kept ticket from outliving its session is tested elsewhere with the cache in place: a copied cookie replayed after
/// sign-out is refused (SessionEndTests), and a session ends 12 hours after sign-in (SessionLifetimeTests).
/// </summary>
public sealed class RecentTicketsTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_sign_in_cookie_is_read_through_the_kept_tickets_and_signed_in_pages_open_with_it()
    {
        var options = App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.IsType<RecentTickets>(options.TicketDataFormat);

        var staff = await SignedInAsync("staff1a");
        for (var i = 0; i < 3; i++)
        {
            using var page = await staff.GetAsync("/Clients");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}

/// <summary>RecentTickets over a stand-in for the key ring: no database or app needed, so none is started.</summary>
public sealed class RecentTicketsFormatTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cookie_is_decrypted_once_and_each_request_gets_its_own_copy_of_the_ticket()
    {
        var decrypting = new CountingFormat();
        using var tickets = new RecentTickets(decrypting, new AdjustableClock(Start));

        var first = tickets.Unprotect(CountingFormat.Good)!;
        var second = tickets.Unprotect(CountingFormat.Good)!;

        Assert.Equal(1, decrypting.Decrypted);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Principal, second.Principal);
        Assert.NotSame(first.Properties, second.Properties);
        Assert.Equal("staff1a", second.Principal.Identity!.Name);
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);

        // What one request does to its copy (a renewal, another identity) is not what the next request reads.
        first.Properties.ExpiresUtc = Start.AddYears(1);
        first.Principal.AddIdentity(new ClaimsIdentity([new Claim(ClaimTypes.Role, "Leader")], "forged"));
        var third = tickets.Unprotect(CountingFormat.Good)!;
        Assert.Equal(Start.AddHours(8), third.Properties.ExpiresUtc);
        Assert.Single(third.Principal.Identities);
        Assert.False(third.Principal.IsInRole("Leader"));
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_not_kept_and_a_kept_ticket_is_decrypted_again_after_its_minute()
    {
        var decrypting = new CountingFormat();
        var clock = new AdjustableClock(Start);
        using var tickets = new RecentTickets(decrypting, clock);

        Assert.Null(tickets.Unprotect("not a cookie anybody issued"));
        Assert.Null(tickets.Unprotect("not a cookie anybody issued"));
        Assert.Equal(2, decrypting.Decrypted);

        tickets.Unprotect(CountingFormat.Good);
        clock.Advance(RecentTickets.Lifetime - TimeSpan.FromSeconds(1));
        tickets.Unprotect(CountingFormat.Good);
        Assert.Equal(3, decrypting.Decrypted);

        clock.Advance(TimeSpan.FromSeconds(2));
        tickets.Unprotect(CountingFormat.Good);
        Assert.Equal(4, decrypting.Decrypted);
    }

    /// <summary>Stands for the key ring: one text decrypts to a fresh ticket each time, anything else to nothing.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public const string Good = "CfDJ8-issued-by-the-key-ring";

        public int Decrypted { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decrypted++;
            if (protectedText != Good)
            {
                return null;
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "staff1a"), new Claim(ClaimTypes.Role, "Staff")], "Identity.Application");
            return new AuthenticationTicket(new ClaimsPrincipal(identity),
                new AuthenticationProperties { IssuedUtc = Start, ExpiresUtc = Start.AddHours(8) }, "Identity.Application");
        }
    }
}
