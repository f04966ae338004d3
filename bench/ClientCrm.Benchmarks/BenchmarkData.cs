using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Postgres;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientCrm.Benchmarks;

/// <summary>
/// A throwaway PostgreSQL cluster under the temp folder holding a migrated ClientCrm database filled by
/// <see cref="BenchmarkDataGenerator"/>, with the app's own services (<see cref="DependencyInjection.AddInfrastructure"/>,
/// system actor: scope All) wired to it. Any benchmark over the full data set starts from <see cref="CreateAsync"/>.
/// </summary>
public sealed class BenchmarkData : IAsyncDisposable
{
    private const string DatabaseName = "crm_bench";

    private readonly LocalPostgres _cluster;
    private readonly string _root;
    private readonly EventHandler _processExit;
    private int _disposed;

    private BenchmarkData(LocalPostgres cluster, string root, ServiceProvider services, BenchmarkDataSize size)
    {
        _cluster = cluster;
        _root = root;
        Services = services;
        Size = size;
        ConnectionString = cluster.ConnectionString(DatabaseName);
        // Without DeleteOnDispose the launcher leaves the server running at exit; a benchmark stopped with Ctrl+C
        // must not leave a postmaster and a few GB behind.
        _processExit = (_, _) => DisposeAsync().AsTask().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += _processExit;
    }

    public BenchmarkDataSize Size { get; }

    public string ConnectionString { get; }

    /// <summary>The app's infrastructure services over the benchmark database; resolve scoped ones in a scope.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The day the data was generated around (the system clock's UTC date, as the runs use).</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Migration, data generation and COPY, VACUUM ANALYZE: the whole set-up.</summary>
    public TimeSpan LoadTime { get; private set; }

    public BenchmarkDataProfile Profile { get; private set; } = null!;

    public string ServerVersion { get; private set; } = "";

    /// <summary>
    /// Starts a cluster in a new folder under the temp directory, migrates an empty database and loads
    /// <paramref name="size"/> worth of deterministic data (seeded; dates relative to today).
    /// </summary>
    public static async Task<BenchmarkData> CreateAsync(BenchmarkOptions options, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var total = Stopwatch.StartNew();
        var root = Path.Combine(Path.GetTempPath(), "clientcrm-bench-" + Guid.NewGuid().ToString("N")[..8]);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

        // DeleteOnDispose would also switch fsync off; the folder is deleted here instead, so that by default the
        // server commits as a real one does.
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = root, DeleteOnDispose = options.NoFsync },
            loggerFactory.CreateLogger<LocalPostgres>(), ct);
        BenchmarkData? data = null;
        try
        {
            await DatabaseBootstrap.EnsureDatabaseAsync(cluster.ConnectionString("postgres"), DatabaseName, ct);
            var services = BuildServices(cluster.ConnectionString(DatabaseName), options);
            data = new BenchmarkData(cluster, root, services, options.Size);
            log.WriteLine($"PostgreSQL cluster in {root} on port {cluster.Port.ToString(CultureInfo.InvariantCulture)}{(options.NoFsync ? " (fsync=off)" : "")}");

            var step = Stopwatch.StartNew();
            await data.MigrateAsync(ct);
            log.WriteLine(Invariant($"Migrated in {step.Elapsed.TotalSeconds:0.0} s"));

            data.Today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var cipher = services.GetRequiredService<IFieldCipher>();
            var generator = new BenchmarkDataGenerator(options.Size, data.Today, cipher);
            await using (var connection = await data.OpenAsync(ct))
            {
                data.Profile = await generator.LoadAsync(connection, log, ct);
                step.Restart();
                // Freshly loaded tables have no statistics and no visibility map; autovacuum would provide both within
                // a minute on a live server. Without the visibility map the covering index could not be read alone.
                await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
                await vacuum.ExecuteNonQueryAsync(ct);
                log.WriteLine(Invariant($"VACUUM ANALYZE in {step.Elapsed.TotalSeconds:0.0} s"));
                data.ServerVersion = connection.PostgreSqlVersion.ToString();
            }

            data.LoadTime = total.Elapsed;
            log.WriteLine(Invariant($"Loaded {options.Size} in {data.LoadTime.TotalSeconds:0.0} s"));
            log.WriteLine(data.Profile.ToString());
            return data;
        }
        catch
        {
            if (data is not null)
            {
                await data.DisposeAsync();
            }
            else
            {
                await cluster.DisposeAsync();
                DeleteFolder(root);
            }

            throw;
        }
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Runs statements one by one (VACUUM cannot share a command with others), without a time limit.</summary>
    public async Task ExecuteAsync(IEnumerable<string> statements, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await OpenAsync(ct);
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>PostgreSQL's own log (postgres.log in the cluster folder).</summary>
    public string ServerLogFile => Path.Combine(_root, "postgres.log");

    /// <summary>One company-wide manual regrade run, as a leader starts it: a fresh scope, the real service.</summary>
    public async Task<GradingRun> RegradeAsync(CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<RegradeService>();
        return await service.RunAsync(GradingTrigger.Manual, ct)
            ?? throw new InvalidOperationException("A manual run always runs.");
    }

    /// <summary>
    /// Undoes what runs wrote, so the next run does the work of the first run after the data was loaded: every client
    /// still C (runs only propose), no proposals, no runs, no Pareto or lifecycle class. VACUUM FULL then rewrites the
    /// tables and their indexes densely, as after the load, so a run never reuses the free space the previous one left.
    /// The checkpoint makes every run pay for the first write of each page after it, as a run on a live server does.
    /// </summary>
    public Task ResetGradingStateAsync(CancellationToken ct = default) => ExecuteAsync(
    [
        """DELETE FROM "GradeProposals" """,
        """DELETE FROM "GradingRuns" """,
        """DELETE FROM "ClientClasses" """,
        """VACUUM (FULL, ANALYZE) "ClientClasses", "GradeProposals", "GradingRuns" """,
        "CHECKPOINT",
    ], ct);

    /// <summary>What a run found, read back from the database: proposals by proposed grade, classes set.</summary>
    public async Task<string> DescribeRunAsync(Guid runId, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM "GradeProposals" WHERE "RunId" = @run AND "ProposedGrade" = 1),
                   (SELECT count(*) FROM "GradeProposals" WHERE "RunId" = @run AND "ProposedGrade" = 2),
                   (SELECT count(*) FROM "GradeProposals" WHERE "RunId" = @run AND "ProposedGrade" = 3),
                   (SELECT count(*) FROM "ClientClasses" WHERE "ParetoClass" = 1),
                   (SELECT count(*) FROM "ClientClasses" WHERE "ParetoClass" = 2),
                   (SELECT count(*) FROM "ClientClasses" WHERE "LifecycleStage" IS NOT NULL)
            """, connection);
        command.Parameters.AddWithValue("run", runId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Invariant($"proposed A {reader.GetInt64(0):N0}, B {reader.GetInt64(1):N0}, C {reader.GetInt64(2):N0}; Pareto I {reader.GetInt64(3):N0}, II {reader.GetInt64(4):N0}; lifecycle set on {reader.GetInt64(5):N0}");
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the exact command the regrade run sends for its aggregate query.</summary>
    public async Task<string> ExplainGradingQueryAsync(CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await using var command = GradingFactsQuery.For(db, db.Clients.AsNoTracking(), Today).CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
        command.CommandTimeout = 0;
        var lines = new List<string> { "-- " + command.CommandText.Replace("\n", "\n-- ", StringComparison.Ordinal) };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// Lets go of the cluster without stopping it (<c>--keep</c>): the data stays for psql. Returns what to type to
    /// connect and to stop it.
    /// </summary>
    public string Detach()
    {
        ObjectDisposedException.ThrowIf(Interlocked.Exchange(ref _disposed, 1) != 0, this);
        AppDomain.CurrentDomain.ProcessExit -= _processExit;
        Services.Dispose();
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            Cluster left running in {_root}:
              PGPASSWORD='{builder.Password}' psql -h 127.0.0.1 -p {builder.Port} -U {builder.Username} {builder.Database}
            Stop and remove it (as root the server runs as the postgres user: prefix `runuser -u postgres --`):
              pg_ctl -D {Path.Combine(_root, "pgdata")} -m fast stop && rm -rf {_root}
            (pg_ctl is in /usr/lib/postgresql/<version>/bin on Debian.)
            """);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _processExit;
        await Services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _cluster.DisposeAsync();
        DeleteFolder(_root);
    }

    private static ServiceProvider BuildServices(string connectionString, BenchmarkOptions options)
    {
        // Keys as the integration tests make them: random, for this process only.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Encryption:ActiveKeyId"] = "bench",
            ["Encryption:Keys:bench"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySizeInBytes)),
            ["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySizeInBytes)),
        }).Build();
        var keyRing = KeyRing.FromOptions(configuration.GetSection(EncryptionOptions.SectionName).Get<EncryptionOptions>()!);

        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true);
            // The run logs one line (counts and milliseconds) at Information; EF's own chatter stays quiet unless asked.
            b.SetMinimumLevel(options.Quick ? LogLevel.Information : LogLevel.Warning);
            b.AddFilter("Microsoft", LogLevel.Warning);
            if (options.LogSql)
            {
                b.AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.Information);
            }
        });
        services.AddInfrastructure(connectionString, keyRing);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        // As DatabaseInitializer does for an existing database: spares EF's logged failed SELECT on the history table.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        await db.Database.MigrateAsync(ct);
    }

    private static void DeleteFolder(string root)
    {
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is not worth failing a benchmark for.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
