using System.Globalization;
using System.Net;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Outbox;

/// <summary>
/// A handler that throws loses nothing: its delivery waits with the error, is tried again after a wait that doubles, shows on the
/// admins' page, and an admin can have it tried at once. The other handler of the same event is not held up.
/// </summary>
public sealed class OutboxRetryTests(PostgresFixture postgres) : AppTest(postgres)
{
    private readonly AdjustableClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly HandlerLog _log = new();

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton(_log)
            .AddDomainEventHandler<FlakyIncidentHandler>());

    [Fact]
    public async Task A_failing_handler_is_retried_with_growing_waits_shows_on_the_admin_page_and_succeeds_when_an_admin_retries()
    {
        var clientId = await GradingArrange.RegularClientAsync(App, "staff1a", "Flaky Partner Steel");
        var projectId = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == clientId).Select(p => p.Id).FirstAsync());
        var staff = await SignedInAsync("staff1a");
        using (var saved = await staff.SubmitAsync($"/Clients/{clientId}/Projects/{projectId}/Incidents/Create", "#incident-form",
                   new Dictionary<string, string?>
                   {
                       ["Input.Type"] = "WageArrears", ["Input.OccurredOn"] = App.Clock.Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                       ["Input.WorkersAffected"] = "3", ["Input.ArrearsAmount"] = "9000", ["Input.ArrearsCurrency"] = "CNY",
                       ["Input.Description"] = "三名工人工资拖欠", ["Input.Status"] = "Open",
                   }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await App.DrainOutboxAsync();

        // The warning handler did its part; the flaky one failed once and waits ten seconds.
        await WarningArrange.OpenWarningAsync(App, clientId, WarningRule.WageArrears);
        var failed = await FlakyDeliveryAsync();
        Assert.Equal((1, _clock.GetUtcNow().AddSeconds(10), (DateTimeOffset?)null), (failed.Attempts, failed.NextAttemptAt, failed.ProcessedAt));
        Assert.StartsWith("InvalidOperationException: The partner system is unreachable", failed.LastError, StringComparison.Ordinal);

        // Not due yet: dispatching again does not touch it.
        _clock.Advance(TimeSpan.FromSeconds(9));
        await App.DrainOutboxAsync();
        Assert.Equal(1, (await FlakyDeliveryAsync()).Attempts);

        // Due: tried again, fails again, and now waits twice as long.
        _clock.Advance(TimeSpan.FromSeconds(1));
        await App.DrainOutboxAsync();
        var again = await FlakyDeliveryAsync();
        Assert.Equal((2, _clock.GetUtcNow().AddSeconds(20)), (again.Attempts, again.NextAttemptAt));
        Assert.Equal(2, _log.FlakyCalls);

        // The admins see it waiting, with its handler, failures, next attempt and error.
        var admin = await SignedInAsync("admin");
        var page = await admin.GetPageAsync("/Admin/Outbox");
        var row = page.QuerySelector($"#outbox-table tr[data-handler='{nameof(FlakyIncidentHandler)}']");
        Assert.NotNull(row);
        Assert.Equal(nameof(IncidentRecorded), row.GetAttribute("data-event"));
        Assert.Equal("登记劳务人员事件", row.QuerySelector(".outbox-event")!.TextContent.Trim());
        Assert.Equal("2", row.QuerySelector(".outbox-attempts")!.TextContent.Trim());
        Assert.Equal(App.Clock.Format(again.NextAttemptAt, "yyyy-MM-dd HH:mm:ss"), row.QuerySelector(".outbox-next")!.TextContent.Trim());
        Assert.Contains("The partner system is unreachable", row.QuerySelector(".outbox-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector("#outbox-failed")!.GetAttribute("data-count"));

        // The partner is back; the admin does not wait twenty seconds.
        _log.FlakyFails = false;
        var retryForm = $"#outbox-table tr[data-handler='{nameof(FlakyIncidentHandler)}'] form";
        using (var retried = await admin.SubmitAsync(page, "/Admin/Outbox", retryForm))
        {
            Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        }

        Assert.Equal("已安排立即重试。", (await admin.GetPageAsync("/Admin/Outbox")).QuerySelector("#flash")!.TextContent.Trim());
        var waitingPage = page;

        await App.DrainOutboxAsync();
        var done = await FlakyDeliveryAsync();
        Assert.Equal((_clock.GetUtcNow(), 2), (done.ProcessedAt, done.Attempts));
        Assert.Equal(3, _log.FlakyCalls);
        page = await admin.GetPageAsync("/Admin/Outbox");
        Assert.Null(page.QuerySelector($"#outbox-table tr[data-handler='{nameof(FlakyIncidentHandler)}']"));
        Assert.NotNull(page.QuerySelector("#outbox-empty"));

        // Handled is handled: the same retry posted again from the old page changes nothing and says so.
        using (var late = await admin.SubmitAsync(waitingPage, "/Admin/Outbox", retryForm))
        {
            Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        }

        Assert.Equal("这项处理已经完成，无需重试。", (await admin.GetPageAsync("/Admin/Outbox")).QuerySelector("#flash-error")!.TextContent.Trim());
        await App.DrainOutboxAsync();
        Assert.Equal(3, _log.FlakyCalls);
    }

    [Theory]
    [InlineData("staff1a")]
    [InlineData("head1")]
    [InlineData("leader")]
    public async Task Only_admins_open_the_outbox_page(string userName)
    {
        var user = await SignedInAsync(userName);

        using var response = await user.GetAsync("/Admin/Outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private Task<OutboxDelivery> FlakyDeliveryAsync() =>
        App.WithDbAsync(db => db.OutboxDeliveries.AsNoTracking().SingleAsync(d => d.Handler == nameof(FlakyIncidentHandler)));
}
