using ClientCrm.Development.Postgres;
using ClientCrm.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientCrm.Development;

/// <summary>
/// The database of a Development run without a configured server: database <c>clientcrm</c> in a private PostgreSQL
/// cluster under the git-ignored data folder, started before the host is built and stopped with it.
/// </summary>
public static class LocalDatabase
{
    public const string DatabaseName = "clientcrm";

    /// <summary>Starts (or reuses) the cluster and returns the connection string of its database.</summary>
    /// <exception cref="PostgresUnavailableException">The cluster cannot be found, created or started.</exception>
    public static async Task<string> StartAsync(IHostApplicationBuilder builder, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = Path.Combine(DatabaseBootstrap.DataDirectory(builder.Configuration, builder.Environment.ContentRootPath), "postgres");
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = root }, logger, ct);
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService<LocalPostgresLifetime>();
        await EnsureDatabaseAsync(cluster.ConnectionString("postgres"), DatabaseName, ct);
        logger.LogInformation("Using the local PostgreSQL cluster in {Folder} on port {Port}", root, cluster.Port);
        return cluster.ConnectionString(DatabaseName);
    }

    public static async Task EnsureDatabaseAsync(string serverConnectionString, string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // Identifiers cannot be parameters; the name is ours, quoted to be safe.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed class LocalPostgresLifetime(LocalPostgres cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await cluster.DisposeAsync();
    }
}
