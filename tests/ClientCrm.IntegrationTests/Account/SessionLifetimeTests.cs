using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Account;

/// <summary>A session ends 12 hours after sign-in even when the user keeps working (ASVS V7.3).</summary>
public sealed class SessionLifetimeTests(PostgresFixture postgres) : AppTest(postgres)
{
    private readonly AdjustableClock _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task An_active_session_ends_twelve_hours_after_sign_in()
    {
        var staff = await SignedInAsync("staff1a");
        for (var hour = 0; hour < 10; hour += 2)
        {
            _clock.Advance(TimeSpan.FromHours(2));
            using var busy = await staff.GetAsync("/Clients");
            Assert.True(busy.StatusCode == HttpStatusCode.OK, $"after {hour + 2} h: {(int)busy.StatusCode} {busy.Headers.Location}");
        }

        // 10 h in, the session is still good an hour later…
        _clock.Advance(TimeSpan.FromHours(1.5));
        using (var stillIn = await staff.GetAsync("/Clients"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        // …but not past 12 h, although it was used every couple of hours.
        _clock.Advance(TimeSpan.FromHours(1));
        using var late = await staff.GetAsync("/Clients");
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Contains("/Account/Login", late.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
