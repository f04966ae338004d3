using System.Security.Cryptography;
using ClientCrm.Development.Postgres;
using Npgsql;

namespace ClientCrm.BrowserTests.Infrastructure;

/// <summary>
/// What the run's browser tests share: one private PostgreSQL cluster in a throwaway folder, with a template database the
/// app migrated and seeded once, and the encryption keys made up for this run (the template's data is encrypted with
/// them). Each test's <see cref="BrowserAppHost"/> gets a copy of the template (CREATE DATABASE … TEMPLATE, milliseconds)
/// instead of a cluster, a migration and the demo company of its own. <see cref="BrowserTestFramework"/> stops the cluster
/// after the last test. If PostgreSQL cannot start, every test fails with the launcher's message.
/// </summary>
internal sealed class BrowserRun
{
    private const string Template = "crm_browser_template";

    private static readonly Lock StartLock = new();
    private static Task<BrowserRun>? _started;

    // One copy at a time: CREATE DATABASE … TEMPLATE refuses while another copy of the same template is being made.
    private readonly SemaphoreSlim _cloning = new(1, 1);
    private int _databases;

    private BrowserRun(string root, LocalPostgres cluster)
    {
        Root = root;
        Cluster = cluster;
    }

    public string Root { get; }

    public LocalPostgres Cluster { get; }

    public IReadOnlyDictionary<string, string?> EncryptionSettings { get; } = new Dictionary<string, string?>
    {
        ["Encryption:ActiveKeyId"] = "browser1",
        ["Encryption:Keys:browser1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>The run, started by the first test that asks (the others wait for that start).</summary>
    public static Task<BrowserRun> StartedAsync()
    {
        lock (StartLock)
        {
            return _started ??= StartAsync();
        }
    }

    /// <summary>A fresh database with the demo company in it; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"crm_browser_{Interlocked.Increment(ref _databases)}";
        await _cloning.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template} STRATEGY FILE_COPY");
        }
        finally
        {
            _cloning.Release();
        }

        return name;
    }

    /// <summary>Drops a database of <see cref="CreateDatabaseAsync"/>, ending the sessions still connected to it.</summary>
    public Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    /// <summary>Stops the cluster and deletes the run's folder; called once, after the last test.</summary>
    internal static async Task StopAsync()
    {
        Task<BrowserRun>? started;
        lock (StartLock)
        {
            started = _started;
        }

        if (started is null || !started.IsCompletedSuccessfully)
        {
            return;
        }

        var run = started.Result;
        NpgsqlConnection.ClearAllPools();
        await run.Cluster.DisposeAsync();
        try
        {
            if (Directory.Exists(run.Root))
            {
                Directory.Delete(run.Root, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing the run over.
        }
    }

    private static async Task<BrowserRun> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "clientcrm-browser-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            RootDirectory = Path.Combine(root, "postgres"),
            DeleteOnDispose = true,
        });
        var run = new BrowserRun(root, cluster);
        await run.ExecuteAsync($"CREATE DATABASE {Template}");

        // Booting the real app once migrates and seeds the demo company into the template.
        await using (var app = new CrmKestrelFactory(cluster.ConnectionString(Template), Path.Combine(root, "template-data"), run.EncryptionSettings))
        {
            await Task.Run(app.Start);
        }

        // No session may stay on the template, or copying it fails (55006). Only the template app's pool used it.
        NpgsqlConnection.ClearAllPools();
        await run.ExecuteAsync($"ALTER DATABASE {Template} WITH IS_TEMPLATE true");
        return run;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
