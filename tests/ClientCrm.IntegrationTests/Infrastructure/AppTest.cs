using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>
/// Base for tests that drive the app: each test gets its own copy of the seeded database and its own app (xunit makes an
/// instance of the class per test). Test classes run in parallel; they share the run's PostgreSQL cluster and nothing else.
/// </summary>
public abstract class AppTest(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly List<CrmClient> _clients = [];

    protected PostgresFixture Postgres { get; } = postgres;

    protected CrmAppFactory App { get; private set; } = null!;

    /// <summary>Test classes that need a different host (a clock they move, a log they read) change it here.</summary>
    protected virtual void ConfigureApp(IWebHostBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        App = new CrmAppFactory(Postgres, await Postgres.CreateDatabaseAsync(), ConfigureApp);
        _ = App.Server; // start now, so a start-up failure fails here with its own message
    }

    /// <summary>A client signed in as <paramref name="userName"/> (demo password).</summary>
    protected async Task<CrmClient> SignedInAsync(string userName)
    {
        var client = App.CreateCrmClient();
        _clients.Add(client);
        await client.SignInAsync(userName);
        return client;
    }

    protected CrmClient Anonymous()
    {
        var client = App.CreateCrmClient();
        _clients.Add(client);
        return client;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.DisposeAsync();
        // The app's idle pooled connections would stay open for minutes (and the suite once ran out of PostgreSQL
        // connections, 53300). Only this app's pool is closed (the app's connection string is the tuned one): the other
        // classes' apps are running. Dropping the copy ends whatever session is left and gives its disk back.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresConnectionSettings.Tune(App.ConnectionString)));
        await Postgres.DropDatabaseAsync(App.ConnectionString);
    }
}
