using Microsoft.AspNetCore.Hosting;

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>
/// Base for tests that drive the app: each test class gets its own copy of the seeded database and its own app.
/// </summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(PostgresFixture postgres) : IAsyncLifetime
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
        // Each test class's app leaves its idle pooled connections open for minutes; the classes run one after another
        // against one cluster, so without this the suite ran out of PostgreSQL connections (53300) part way through.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
