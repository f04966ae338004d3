using System.Security.Cryptography;
using ClientCrm.Development.Postgres;
using Npgsql;

namespace ClientCrm.BrowserTests.Infrastructure;

/// <summary>
/// Everything a browser test runs against: a private PostgreSQL cluster in a throwaway folder, a database created in
/// it, and the real app on Kestrel over that database, with encryption keys made up for this run only.
/// </summary>
internal sealed class BrowserAppHost : IAsyncDisposable
{
    private const string Database = "crm_browser";

    private readonly string _root;
    private LocalPostgres? _cluster;
    private CrmKestrelFactory? _app;

    private BrowserAppHost(string root)
    {
        _root = root;
    }

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<BrowserAppHost> StartAsync()
    {
        var host = new BrowserAppHost(Path.Combine(Path.GetTempPath(), "clientcrm-browser-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            await host.StartCoreAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing the test over.
        }
    }

    private async Task StartCoreAsync()
    {
        _cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            RootDirectory = Path.Combine(_root, "postgres"),
            DeleteOnDispose = true,
        });

        await using (var connection = new NpgsqlConnection(_cluster.ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var encryption = new Dictionary<string, string?>
        {
            ["Encryption:ActiveKeyId"] = "browser1",
            ["Encryption:Keys:browser1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        _app = new CrmKestrelFactory(_cluster.ConnectionString(Database), Path.Combine(_root, "data"), encryption);

        // StartServer blocks until Program has migrated, seeded and started Kestrel: keep it off the test's thread.
        BaseAddress = await Task.Run(_app.Start);
    }
}
