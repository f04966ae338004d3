using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ClientCrm.IntegrationTests.Web;

public sealed class RequestLoggingTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly TimeSpan WaitForLine = TimeSpan.FromSeconds(10);

    private readonly CapturedLog _log = new();

    /// <summary>
    /// The app's own Serilog pipeline (levels and overrides from appsettings.json) with one more sink beside the console:
    /// it holds every event the app logs, rendered as its message.
    /// </summary>
    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(_log));
    }

    [Fact]
    public async Task Every_request_is_logged_once_with_status_and_duration_but_without_its_query_string()
    {
        var staff = await SignedInAsync("staff1a");
        using (await staff.GetAsync("/Clients?q=%2B971501234567"))
        {
        }

        var lines = await LinesAsync(l => l.Contains("/Clients", StringComparison.Ordinal));
        var line = Assert.Single(lines);
        Assert.Matches(@"^HTTP GET /Clients responded 200 in \d+(\.\d)? ms$", line);
        Assert.DoesNotContain(_log.Messages, l => l.Contains("971501234567", StringComparison.Ordinal));
    }

    /// <summary>The messages that match, once at least one does (the request line is written as the request ends).</summary>
    private async Task<List<string>> LinesAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + WaitForLine;
        while (true)
        {
            var lines = _log.Messages.Where(match).ToList();
            if (lines.Count > 0 || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }
}
