using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ClientCrm.IntegrationTests.Web;

public sealed class RequestLoggingTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly TimeSpan WaitForLine = TimeSpan.FromSeconds(10);

    private readonly string _logFile = Path.Combine(Path.GetTempPath(), $"clientcrm-log-{Guid.NewGuid():N}.log");

    /// <summary>
    /// The app's own Serilog pipeline (levels and overrides from appsettings.json) with a plain file sink beside the
    /// console, added through settings as docs/operations.md adds one: the file holds everything the app logs.
    /// </summary>
    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Serilog:WriteTo:1:Name", "File");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", _logFile);
        builder.UseSetting("Serilog:WriteTo:1:Args:outputTemplate", "{Message:lj}{NewLine}");
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
        Assert.DoesNotContain(await LinesAsync(_ => true), l => l.Contains("971501234567", StringComparison.Ordinal));
    }

    /// <summary>The log's lines that match, once at least one does (the request line is written as the request ends).</summary>
    private async Task<List<string>> LinesAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + WaitForLine;
        while (true)
        {
            List<string> lines = [];
            if (File.Exists(_logFile))
            {
                // The app's sink holds the file open for writing.
                await using var stream = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(match).ToList();
            }

            if (lines.Count > 0 || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_logFile);
    }
}
