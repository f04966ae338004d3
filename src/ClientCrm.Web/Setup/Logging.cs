using Serilog;
using Serilog.Extensions.Logging;

namespace ClientCrm.Web.Setup;

internal static class Logging
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section (console always, file where configured) for everything the app
    /// logs. Returns it as a logger for what runs before the host is built (a developer's run starts its cluster then).
    /// </summary>
    public static Microsoft.Extensions.Logging.ILogger AddCrmLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        // This app's own logger, not the static Log.Logger: the tests run several apps in one process.
        builder.Services.AddSerilog(logger, dispose: true);
        return new SerilogLoggerFactory(logger).CreateLogger("ClientCrm.Startup");
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
