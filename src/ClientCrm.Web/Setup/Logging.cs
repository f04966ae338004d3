using Serilog;
using Serilog.Extensions.Logging;

namespace ClientCrm.Web.Setup;

internal static class Logging
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section (console always, file where configured) for everything the app
    /// logs. The section is read when the host is built, not now: settings a host adds later (a test's, a deployment's
    /// command line) count. Returns a console logger for what runs before the host is built (a developer's run starts its
    /// cluster then).
    /// </summary>
    public static Microsoft.Extensions.Logging.ILogger AddCrmLogging(this WebApplicationBuilder builder)
    {
        // This app's own logger, not the static Log.Logger: the tests run several apps in one process.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
                // Sinks registered as services (ILogEventSink) too: a host may add one without touching settings.
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);

        // A plain console sink holds no thread or file, so nothing needs to dispose it.
        var startup = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Console(outputTemplate: BatchedConsoleSinkExtensions.DefaultOutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        return new SerilogLoggerFactory(startup).CreateLogger("ClientCrm.Startup");
    }

    /// <summary>
    /// One line per request once it completes: method, path, status and duration, at Error for a 5xx. The path only:
    /// query strings hold searched names, phone numbers and e-mail addresses.
    /// </summary>
    public static IApplicationBuilder UseCrmRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.IncludeQueryInRequestPath = false;
        });
}
