using Serilog;
using Serilog.Extensions.Logging;

namespace ClientCrm.Web.Setup;

internal static class Logging
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section (console always, file where configured). Serilog.AspNetCore
    /// is not available here, so the logger is plugged in as a plain logging provider and requests are logged by
    /// <see cref="RequestLogging"/>.
    /// </summary>
    public static Microsoft.Extensions.Logging.ILogger AddCrmLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return new SerilogLoggerFactory(logger).CreateLogger("ClientCrm.Startup");
    }
}

/// <summary>One line per request: method, path, status and duration. Query strings are left out (they may hold search terms).</summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = clock.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = clock.GetElapsedTime(start).TotalMilliseconds;
            Log(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, elapsed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Log(Microsoft.Extensions.Logging.ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
