using System.Globalization;
using System.Text;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace ClientCrm.Web.Setup;

/// <summary>
/// The app's console output: log lines queued by the request that logs them and written by Serilog's batching loop, a
/// batch at a time (one write and flush). It replaces Serilog.Sinks.Async, whose worker waits on a BlockingCollection:
/// woken once per request line, it spun before blocking each time: 11.5 % of the samples in a trace of the deep
/// client-list page under load. The batching loop waits on a channel instead. CPU per request did not change measurably
/// on the benchmark machine (docs/performance.md, "Request logging without the spinning writer").
/// </summary>
public sealed class BatchedConsoleSink(ITextFormatter formatter, TextWriter output) : IBatchedLogEventSink
{
    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var logEvent in batch)
            {
                formatter.Format(logEvent, writer);
            }
        }

        // Chunk by chunk (at most 8,000 characters each), not as one string: a full batch as one string (up to 1,000
        // lines, some 300 kB) went to the large-object heap several times a second under load, and each spent share of
        // that heap's budget started a gen-2 collection (one every 5-6 s in the page benchmark, docs/performance.md).
        foreach (var chunk in text.GetChunks())
        {
            output.Write(chunk.Span);
        }

        output.Flush();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A batch is written once it holds 1,000 lines or its first line has waited <paramref name="bufferingTime"/>;
    /// the first line after start is written at once. Lines still queued when the app stops are written as it stops.
    /// </summary>
    public static BatchingOptions Batching(TimeSpan bufferingTime, int queueLimit) => new()
    {
        BufferingTimeLimit = bufferingTime,
        BatchSizeLimit = 1000,
        QueueLimit = queueLimit,
        EagerlyEmitFirstEvent = true,
    };
}

/// <summary>The <c>BatchedConsole</c> sink for the "Serilog:WriteTo" settings (the assembly is listed under "Serilog:Using").</summary>
public static class BatchedConsoleSinkExtensions
{
    public const string DefaultOutputTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <param name="sinks">Where the sink goes.</param>
    /// <param name="outputTemplate">The line's layout, as the console sink's.</param>
    /// <param name="bufferingMilliseconds">How long a line may wait for others to share its write.</param>
    /// <param name="queueLimit">Lines held while the console does not keep up; beyond that, new lines are dropped, never the request held.</param>
    public static LoggerConfiguration BatchedConsole(this LoggerSinkConfiguration sinks, string outputTemplate = DefaultOutputTemplate,
        int bufferingMilliseconds = 200, int queueLimit = 100_000)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        var sink = new BatchedConsoleSink(new MessageTemplateTextFormatter(outputTemplate, CultureInfo.InvariantCulture), Console.Out);
        return sinks.Sink(sink, BatchedConsoleSink.Batching(TimeSpan.FromMilliseconds(bufferingMilliseconds), queueLimit));
    }
}
