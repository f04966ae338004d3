using ClientCrm.Infrastructure.Postgres;
using ClientCrm.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientCrm.Infrastructure;

/// <summary>
/// Decides where the data lives before the host is built: the configured server (ConnectionStrings:Crm), or a
/// private PostgreSQL cluster under the git-ignored data folder for development.
/// </summary>
public static class DatabaseBootstrap
{
    public const string ConnectionStringName = "Crm";
    public const string DatabaseName = "clientcrm";

    /// <summary>Folder for the local cluster and the development keys: setting Crm:DataDirectory, default "{content root}/.data".</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Crm:DataDirectory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, ".data") : configured, contentRoot);
    }

    public static async Task<string> ResolveConnectionStringAsync(IConfiguration configuration, IHostEnvironment environment,
        IServiceCollection services, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (!environment.IsDevelopment())
        {
            // Only a developer's machine gets the private cluster; anywhere else a missing setting is a mistake.
            throw new InvalidOperationException(
                $"ConnectionStrings:Crm is not set. Outside Development ({environment.EnvironmentName}) ClientCrm uses only a " +
                "configured PostgreSQL server (environment variable ConnectionStrings__Crm).");
        }

        var root = Path.Combine(DataDirectory(configuration, environment.ContentRootPath), "postgres");
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = root }, logger, ct);
        services.AddSingleton(cluster);
        services.AddHostedService<LocalPostgresLifetime>();
        await EnsureDatabaseAsync(cluster.ConnectionString("postgres"), DatabaseName, ct);
        logger.LogInformation("Using the local PostgreSQL cluster in {Folder} on port {Port}", root, cluster.Port);
        return cluster.ConnectionString(DatabaseName);
    }

    /// <summary>
    /// Keys come from configuration (Encryption:*), environment variables (Encryption__Keys__k1 …) or a key file;
    /// in Development a key file is generated in the data folder on first run.
    /// </summary>
    public static KeyRing LoadKeyRing(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(EncryptionOptions.SectionName).Get<EncryptionOptions>() ?? new EncryptionOptions();
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            options.KeyFile = Path.GetFullPath(options.KeyFile, environment.ContentRootPath);
        }

        if (string.IsNullOrWhiteSpace(options.ActiveKeyId) && string.IsNullOrWhiteSpace(options.KeyFile) && environment.IsDevelopment())
        {
            var path = Path.Combine(DataDirectory(configuration, environment.ContentRootPath), "keys", "development-keys.json");
            options = KeyRing.CreateDevelopmentKeyFile(path);
        }

        return KeyRing.FromOptions(options);
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
