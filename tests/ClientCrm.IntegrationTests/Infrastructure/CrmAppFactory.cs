using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>The real app (Program) on the given database, in Development so the demo data and accounts exist.</summary>
public sealed class CrmAppFactory(PostgresFixture postgres, string connectionString, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// PBKDF2 iterations of the tests' password hashes, the demo accounts' included (the template is seeded with it). The
    /// production count, 210,000, costs about a tenth of a CPU second per sign-in, and the suite signs in hundreds of times;
    /// <c>PasswordHashingTests</c> checks that an app without the setting uses 210,000.
    /// </summary>
    public const int PasswordHashIterations = 1_000;

    public string ConnectionString { get; } = connectionString;

    /// <summary>The app's business clock (its TimeProvider, in the company's zone): arrange data on the dates the app sees.</summary>
    public BusinessClock Clock => Services.GetRequiredService<BusinessClock>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Crm", ConnectionString);
        builder.UseSetting("Crm:DataDirectory", postgres.DataDirectory);
        builder.UseSetting("Crm:SeedDemoData", "true");
        // Tests start jobs themselves, at the moment they choose.
        builder.UseSetting("Crm:Jobs:Enabled", "false");
        // Tests check that disabling a user ends their session at the next request.
        builder.UseSetting("Crm:SecurityStampValidationInterval", "00:00:00");
        builder.UseSetting("Crm:PasswordHashIterations", PasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Each test host would otherwise watch the appsettings files; the machine's inotify limit (128 per user) runs out
        // when several test runs share it. (PostgresFixture also sets DOTNET_USE_POLLING_FILE_WATCHER, once for the process.)
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        // A line per request from some hundred hosts buries a failure's own output; a test that reads the log lowers this.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        foreach (var (key, value) in postgres.EncryptionSettings)
        {
            builder.UseSetting(key, value);
        }

        configure?.Invoke(builder);
        builder.ConfigureServices((context, _) => _usesRunKeys = UsesRunKeys(context.Configuration));
        builder.ConfigureTestServices(services =>
        {
            SkipModelCheckAtStart(services);
            if (_usesRunKeys)
            {
                services.RemoveAll<KeyRing>();
                services.RemoveAll<IFieldCipher>();
                services.AddSingleton(postgres.RunKeyRing);
                services.AddSingleton(postgres.RunCipher);
            }
        });
    }

    private bool _usesRunKeys;

    /// <summary>
    /// EF's migrator compares the model with the migrations' snapshot at every start (a sixth of the suite's CPU with an
    /// app per test); ignoring its warning skips the comparison. <c>MigrationTests</c> makes the same comparison once.
    /// </summary>
    private static void SkipModelCheckAtStart(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(DbContextOptions<CrmDbContext>));
        var factory = registered.ImplementationFactory
            ?? throw new InvalidOperationException("The app registers its context options without a factory; the tests expect one.");
        services.Remove(registered);
        services.AddSingleton(sp => new DbContextOptionsBuilder<CrmDbContext>((DbContextOptions<CrmDbContext>)factory(sp))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
    }

    /// <summary>
    /// Whether the host reads the run's test keys from configuration (a host with a key file of its own rotates keys, and
    /// keeps a key ring of its own). Such hosts share one key ring and cipher: the EF model embeds the cipher in its value
    /// converters and is cached by it, so with a cipher per host every host built its models (one per scope shape) and
    /// compiled its queries again, a quarter of the suite's CPU time.
    /// </summary>
    private bool UsesRunKeys(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["Encryption:KeyFile"])
        && configuration.GetSection("Encryption:Keys").GetChildren().Count() == 1
        && postgres.EncryptionSettings.All(s => configuration[s.Key] == s.Value);

    /// <summary>
    /// Runs <paramref name="work"/> on a database context that acts as the system (sees every client). What it saves is an
    /// arrangement, a past put in place: its domain events are dropped, so no handler reacts behind the test's back (a test
    /// of what follows a change makes the change through a page, or through a context of its own).
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<CrmDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<CrmDbContext>>();
        var cipher = scope.ServiceProvider.GetRequiredService<IFieldCipher>();
        await using var db = CrmDbContext.Create(options, SystemActor.Instance, cipher);
        using (OutboxWriter.DropEvents())
        {
            return await work(db);
        }
    }

    /// <summary>
    /// Returns once every outbox delivery due now has been handled (or has failed and waits for a later attempt): the app's
    /// own dispatcher may be handling some already, and this waits for those too. Pages only commit; a test that reads what a
    /// handler writes (the warning column after a save, the messages of a filed warning) drains first.
    /// </summary>
    public async Task DrainOutboxAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        // Generous: a handler may wait for a company-wide engine run on a slow, shared machine. A drain that never ends is a bug.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            await dispatcher.DispatchDueAsync(limit.Token);
            if (!await dispatcher.AnyDueAsync(limit.Token))
            {
                return;
            }

            // Due but held by the app's background dispatcher: it is working on it.
            await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
        }
    }

    public Task WithDbAsync(Func<CrmDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public CrmClient CreateCrmClient() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
    }));
}
