using System.Security.Cryptography;
using ClientCrm.Development.Postgres;
using Npgsql;

namespace ClientCrm.IntegrationTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "app";
}

/// <summary>
/// One private PostgreSQL cluster for the whole test run, in a throwaway folder. The first app start migrates and
/// seeds a template database; every test class then gets its own copy (CREATE DATABASE … TEMPLATE), which takes
/// milliseconds instead of a migration. If PostgreSQL cannot start, every test fails with the launcher's message.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Template = "crm_template";
    private int _databases;

    public LocalPostgres Cluster { get; private set; } = null!;

    /// <summary>Encryption settings shared by every app the tests start, so all can read each other's data.</summary>
    public IReadOnlyDictionary<string, string?> EncryptionSettings { get; } = new Dictionary<string, string?>
    {
        ["Encryption:ActiveKeyId"] = "test1",
        ["Encryption:Keys:test1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "clientcrm-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        Cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            RootDirectory = Path.Combine(DataDirectory, "postgres"),
            DeleteOnDispose = true,
        });
        await ExecuteAsync($"CREATE DATABASE {Template}");

        // Booting the real app once migrates and seeds the demo company into the template.
        await using (var factory = new CrmAppFactory(this, Cluster.ConnectionString(Template)))
        {
            using var client = factory.CreateClient();
            var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative));
            if (!health.Contains("Healthy", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The app did not come up on the template database: " + health);
            }
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"ALTER DATABASE {Template} WITH IS_TEMPLATE true");
    }

    /// <summary>A fresh database with the demo company in it; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"crm_test_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return Cluster.ConnectionString(name);
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
