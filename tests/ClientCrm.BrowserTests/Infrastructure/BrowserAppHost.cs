using ClientCrm.Infrastructure.Persistence;
using Npgsql;

namespace ClientCrm.BrowserTests.Infrastructure;

/// <summary>
/// Everything a browser test runs against: a copy of the run's seeded template database (<see cref="BrowserRun"/>) and the
/// real app on Kestrel over it, with the run's encryption keys. Disposing stops the app and drops the copy.
/// </summary>
internal sealed class BrowserAppHost : IAsyncDisposable
{
    private readonly BrowserRun _run;
    private string? _database;
    private CrmKestrelFactory? _app;

    private BrowserAppHost(BrowserRun run)
    {
        _run = run;
    }

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<BrowserAppHost> StartAsync()
    {
        var host = new BrowserAppHost(await BrowserRun.StartedAsync());
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

        if (_database is not null)
        {
            // Only this app's pool: the other journeys' apps are running.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresConnectionSettings.Tune(_run.Cluster.ConnectionString(_database))));
            await _run.DropDatabaseAsync(_database);
        }
    }

    private async Task StartCoreAsync()
    {
        _database = await _run.CreateDatabaseAsync();
        // The data folder would otherwise default to the Web project's .data (development cluster and key file).
        _app = new CrmKestrelFactory(_run.Cluster.ConnectionString(_database), Path.Combine(_run.Root, "data-" + _database), _run.EncryptionSettings);

        // StartServer blocks until Program has checked the migrations and started Kestrel: keep it off the test's thread.
        BaseAddress = await Task.Run(_app.Start);
    }
}
