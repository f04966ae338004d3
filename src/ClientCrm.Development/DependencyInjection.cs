using ClientCrm.Development.Postgres;
using ClientCrm.Development.Seeding;
using ClientCrm.Infrastructure;
using ClientCrm.Infrastructure.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Development;

public static class DependencyInjection
{
    /// <summary>
    /// What a developer's run adds to the app: the demo company, which start-up seeds where <c>Crm:SeedDemoData</c>
    /// allows it; and, in Development without ConnectionStrings:Crm, the private cluster of <see cref="LocalDatabase"/>,
    /// whose connection string then becomes ConnectionStrings:Crm. Returns false when that cluster cannot start, after
    /// printing the one line that says what to install or configure (not a stack trace).
    /// </summary>
    public static async Task<bool> AddDevelopmentRunAsync(this IHostApplicationBuilder builder, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IDemoCompany, DemoCompany>();
        if (!builder.Environment.IsDevelopment() ||
            !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseBootstrap.ConnectionStringName)))
        {
            return true;
        }

        try
        {
            var connectionString = await LocalDatabase.StartAsync(builder, logger, ct);
            builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{DatabaseBootstrap.ConnectionStringName}", connectionString)]);
            return true;
        }
        catch (PostgresUnavailableException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return false;
        }
    }
}
