using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>
/// A Serilog sink beside the app's own (registered as an <see cref="ILogEventSink"/> service): it holds every event the
/// app logs at the levels its settings let through, rendered as its message.
/// </summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<(LogEventLevel Level, string Message)> _events = new();

    // As the console and file sinks write it ({Message:lj}): strings unquoted.
    private readonly MessageTemplateTextFormatter _format = new("{Message:lj}", CultureInfo.InvariantCulture);

    public IEnumerable<string> Messages => _events.Select(e => e.Message);

    public IEnumerable<(LogEventLevel Level, string Message)> Events => _events;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        _format.Format(logEvent, text);
        _events.Enqueue((logEvent.Level, text.ToString()));
    }
}
