using System.Globalization;
using ClientCrm.Web.Setup;
using Serilog;
using Serilog.Formatting.Display;

namespace ClientCrm.IntegrationTests.Web;

public sealed class BatchedConsoleSinkTests
{
    [Fact]
    public void Lines_come_out_in_the_order_logged_and_those_still_queued_are_written_when_the_app_stops()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var sink = new BatchedConsoleSink(new MessageTemplateTextFormatter("{Message:lj}{NewLine}", CultureInfo.InvariantCulture), output);
        // A buffering time far longer than the test: after the first line, only the stop writes the rest.
        var logger = new LoggerConfiguration()
            .WriteTo.Sink(sink, BatchedConsoleSink.Batching(TimeSpan.FromMinutes(5), queueLimit: 10_000))
            .CreateLogger();
        for (var i = 0; i < 2_500; i++)
        {
            logger.Information("HTTP GET {Path} responded {StatusCode}", "/Clients/" + i, 200);
        }

        logger.Dispose();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => $"HTTP GET /Clients/{i} responded 200"), lines);
    }
}
