using System.Security.Cryptography;
using ClientCrm.Development.Postgres;
using ClientCrm.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>
/// For test classes that must not run beside each other. No class needs it today: every class has databases of its own,
/// so classes run in parallel (xunit makes each class a collection of its own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "app";
}

/// <summary>
/// One private PostgreSQL cluster for the whole test run, in a throwaway folder. The first test class that asks for it
/// starts it and boots the app once to migrate and seed a template database; every test then gets its own copy
/// (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration, and drops it at its end. Test classes run
/// in parallel, so the cluster is shared: each class's fixture is a handle on it, and <see cref="IntegrationTestFramework"/>
/// stops it after the last test. If PostgreSQL cannot start, every test fails with the launcher's message.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Template = "crm_template";

    /// <summary>
    /// Connections one test's app may hold. The cluster allows 200 (LocalPostgres) and the tests run at most
    /// <see cref="IntegrationTestFramework.MaxParallelClasses"/> apps at once; Npgsql's default (100 per database) would let
    /// two busy apps take them all.
    /// </summary>
    public const int MaxPoolSizePerApp = 30;

    // The run's cluster and what goes with it, one for every fixture instance (each test class gets one).
    private static readonly SharedRun Shared = new();
    private readonly SharedRun _run = Shared;

    public LocalPostgres Cluster => _run.Cluster ?? throw new InvalidOperationException("The test cluster is not started.");

    /// <summary>Encryption settings shared by every app the tests start, so all can read each other's data.</summary>
    public IReadOnlyDictionary<string, string?> EncryptionSettings => _run.EncryptionSettings;

    public string DataDirectory => _run.Directory;

    /// <summary>The key ring of <see cref="EncryptionSettings"/>, one for the run (see <see cref="CrmAppFactory"/>).</summary>
    public KeyRing RunKeyRing => _run.KeyRing.Value;

    /// <summary>The cipher over <see cref="RunKeyRing"/>, one for the run.</summary>
    public IFieldCipher RunCipher => _run.Cipher.Value;

    /// <summary>Starts the run's cluster at the first call; later calls wait for that start (and fail with its error).</summary>
    public Task InitializeAsync()
    {
        lock (_run.StartLock)
        {
            return _run.Started ??= Task.Run(StartAsync);
        }
    }

    /// <summary>Nothing: the cluster outlives each class. <see cref="StopAsync"/> ends it.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh database with the demo company in it; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"crm_test_{Interlocked.Increment(ref _run.Databases)}";
        await _run.Cloning.WaitAsync();
        try
        {
            // FILE_COPY copies the template's files whole; the default (WAL_LOG, PostgreSQL 15) writes every block through
            // the WAL. With fsync off, the checkpoint FILE_COPY needs costs next to nothing.
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template} STRATEGY FILE_COPY");
        }
        finally
        {
            _run.Cloning.Release();
        }

        return new NpgsqlConnectionStringBuilder(Cluster.ConnectionString(name)) { MaxPoolSize = MaxPoolSizePerApp }.ConnectionString;
    }

    /// <summary>Drops a database of <see cref="CreateDatabaseAsync"/>, ending the sessions still connected to it.</summary>
    public Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task StartAsync()
    {
        // Each test host would otherwise watch the appsettings files with inotify (128 watches per user on this machine).
        // Process-wide, so set once here rather than by each host while others start.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
        _run.Cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            RootDirectory = Path.Combine(_run.Directory, "postgres"),
            DeleteOnDispose = true,
        });
        await ExecuteAsync($"CREATE DATABASE {Template}");

        // Booting the real app once migrates and seeds the demo company into the template.
        var templateConnection = Cluster.ConnectionString(Template);
        await using (var factory = new CrmAppFactory(this, templateConnection))
        {
            using var client = factory.CreateClient();
            var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative));
            if (!health.Contains("Healthy", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The app did not come up on the template database: " + health);
            }
        }

        // No session may stay on the template, or copying it fails (55006). Only the template app's pool used it.
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"ALTER DATABASE {Template} WITH IS_TEMPLATE true");
    }

    /// <summary>Stops the cluster and deletes the run's folder; called once, after the last test of the run.</summary>
    internal static async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Shared.Cluster is not null)
        {
            await Shared.Cluster.DisposeAsync();
        }

        if (Directory.Exists(Shared.Directory))
        {
            Directory.Delete(Shared.Directory, recursive: true);
        }
    }

    private sealed class SharedRun
    {
        public IReadOnlyDictionary<string, string?> EncryptionSettings { get; } = new Dictionary<string, string?>
        {
            ["Encryption:ActiveKeyId"] = "test1",
            ["Encryption:Keys:test1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

        public SharedRun()
        {
            // Bound from the same settings the apps read, as the app binds them.
            KeyRing = new Lazy<KeyRing>(() => ClientCrm.Infrastructure.Security.KeyRing.FromOptions(
                new ConfigurationBuilder().AddInMemoryCollection(EncryptionSettings).Build()
                    .GetSection(EncryptionOptions.SectionName).Get<EncryptionOptions>()!));
            Cipher = new Lazy<IFieldCipher>(() => new AesGcmFieldCipher(KeyRing.Value));
        }

        public Lazy<KeyRing> KeyRing { get; }

        public Lazy<IFieldCipher> Cipher { get; }

        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "clientcrm-tests-" + Guid.NewGuid().ToString("N")[..8]);

        // One copy at a time: a copy is a burst of disk writes that gains nothing from company, and the template never
        // has a session on it after the start (CREATE DATABASE … TEMPLATE refuses a template someone is connected to).
        public SemaphoreSlim Cloning { get; } = new(1, 1);

        public Lock StartLock { get; } = new();

        public Task? Started { get; set; }

        public LocalPostgres? Cluster { get; set; }

        public int Databases;
    }
}
