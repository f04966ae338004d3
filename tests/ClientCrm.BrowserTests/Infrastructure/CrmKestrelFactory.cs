using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.BrowserTests.Infrastructure;

/// <summary>
/// The real app (Program) served by Kestrel on a free port of 127.0.0.1, so that a separate browser process can reach
/// it; TestServer exists only in memory. Development environment, so the demo company and its accounts are seeded.
/// </summary>
internal sealed class CrmKestrelFactory(string connectionString, string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    : WebApplicationFactory<Program>
{
    /// <summary>Starts Kestrel (migrating and seeding the database first) and returns the address it listens on.</summary>
    public Uri Start()
    {
        this.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.SingleOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("Kestrel did not report a 127.0.0.1 address; it listens on: " + string.Join(", ", addresses));
        return new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Crm", connectionString);

        // The data folder would otherwise default to the Web project's .data (development cluster and key file).
        builder.UseSetting("Crm:DataDirectory", dataDirectory);
        builder.UseSetting("Crm:SeedDemoData", "true");
        builder.UseSetting("Crm:Jobs:Enabled", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
