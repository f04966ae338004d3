using System.Collections.Concurrent;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientCrm.IntegrationTests.Web;

public sealed class RequestLoggingTests(PostgresFixture postgres) : AppTest(postgres)
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_logs));

    [Fact]
    public async Task Every_request_is_logged_once_with_status_and_duration_but_without_its_query_string()
    {
        var staff = await SignedInAsync("staff1a");
        using (await staff.GetAsync("/Clients?q=%2B971501234567"))
        {
        }

        var lines = _logs.Messages.Where(m => m.Contains("/Clients ", StringComparison.Ordinal) && m.StartsWith("HTTP GET", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Matches(@"^HTTP GET /Clients responded 200 in \d+(\.\d)? ms$", line);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("971501234567", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        // Only the app's own request log: framework categories are filtered out by the Serilog configuration.
        public ILogger CreateLogger(string categoryName) =>
            new Logger(categoryName.StartsWith("ClientCrm", StringComparison.Ordinal) ? Messages : new ConcurrentQueue<string>());

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    messages.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
