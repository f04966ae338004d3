using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ClientCrm.Development;
using ClientCrm.Development.Postgres;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Infrastructure.Warnings;
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
/// <see cref="BenchmarkDataGenerator"/>, with the app's own services (<see cref="Infrastructure.DependencyInjection.AddInfrastructure"/>,
/// system actor: scope All) wired to it. Any benchmark over the full data set starts from <see cref="CreateAsync"/>.
/// </summary>
public sealed class BenchmarkData : IAsyncDisposable
{
    private const string DatabaseName = "crm_bench";

    private const string KeysFileName = "bench-keys.json";

    private readonly LocalPostgres _cluster;
    private readonly string _root;
    private readonly bool _ownsFolder;
    private readonly EventHandler _processExit;
    private int _disposed;

    private BenchmarkData(LocalPostgres cluster, string root, ServiceProvider services, BenchmarkDataSize size, BenchmarkKeys keys, bool ownsFolder)
    {
        _cluster = cluster;
        _root = root;
        _ownsFolder = ownsFolder;
        Services = services;
        Size = size;
        Keys = keys;
        ConnectionString = cluster.ConnectionString(DatabaseName);
        // Without DeleteOnDispose the launcher leaves the server running at exit; a benchmark stopped with Ctrl+C
        // must not leave a postmaster and a few GB behind.
        _processExit = (_, _) => DisposeAsync().AsTask().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += _processExit;
    }

    public BenchmarkDataSize Size { get; }

    public string ConnectionString { get; }

    /// <summary>The field-encryption and blind-index keys the data was written with (the app must be started with them).</summary>
    public BenchmarkKeys Keys { get; }

    /// <summary>The cluster's folder (pgdata, postgres.log, the password file and <c>bench-keys.json</c>).</summary>
    public string Root => _root;

    /// <summary>True when the data was loaded by an earlier run (<c>--reuse</c>): nothing was generated in this one.</summary>
    public bool Reused => !_ownsFolder;

    /// <summary>The app's infrastructure services over the benchmark database; resolve scoped ones in a scope.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The day the data was generated around (the system clock's UTC date, as the runs use).</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Migration, data generation and COPY, VACUUM ANALYZE: the whole set-up.</summary>
    public TimeSpan LoadTime { get; private set; }

    public BenchmarkDataProfile Profile { get; private set; } = null!;

    public string ServerVersion { get; private set; } = "";

    /// <summary>The generated clients in the order made, with their kind and project count (for the warning grades).</summary>
    private IReadOnlyList<Guid> _clientIds = [];
    private IReadOnlyList<ClientProfile> _profiles = [];
    private IReadOnlyList<int> _projectCounts = [];

    // What the benchmarks changed on top of the loaded data (see UseWarningGradesAsync and PrepareRegradeAsync).
    private bool _warningGrades;
    private bool _warningsPresent;

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
            await LocalDatabase.EnsureDatabaseAsync(cluster.ConnectionString("postgres"), DatabaseName, ct);
            var keys = BenchmarkKeys.Create();
            keys.Save(Path.Combine(root, KeysFileName));
            var services = BuildServices(cluster.ConnectionString(DatabaseName), options, keys);
            data = new BenchmarkData(cluster, root, services, options.Size, keys, ownsFolder: true);
            log.WriteLine($"PostgreSQL cluster in {root} on port {cluster.Port.ToString(CultureInfo.InvariantCulture)}{(options.NoFsync ? " (fsync=off)" : "")}");

            var step = Stopwatch.StartNew();
            await data.MigrateAsync(ct);
            log.WriteLine(Invariant($"Migrated in {step.Elapsed.TotalSeconds:0.0} s"));

            var clock = services.GetRequiredService<BusinessClock>();
            data.Today = clock.Today;
            var cipher = services.GetRequiredService<IFieldCipher>();
            var generator = new BenchmarkDataGenerator(options.Size, data.Today, clock, cipher,
                options.Pages ? new PageDataSize(options.AuditRows) : null, services.GetRequiredService<IBlindIndexer>());
            // No time limit on the load: a COPY of ten million batches outlasts the default 30-second command timeout.
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(data.ConnectionString) { CommandTimeout = 0 }.ConnectionString))
            {
                await connection.OpenAsync(ct);
                var deferred = await DeferredIndexes.DropAsync(connection, ct);
                data.Profile = await generator.LoadAsync(connection, log, ct);
                await deferred.RecreateAsync(connection, log, ct);
                (data._clientIds, data._profiles, data._projectCounts) = (generator.ClientIds, generator.Profiles, generator.ProjectCounts);
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

    /// <summary>
    /// Attaches to a cluster folder an earlier run left behind (<c>--keep</c>), starting its server if it is not running,
    /// with the keys saved in it. Nothing is generated; disposing stops the server only if this call started it and never
    /// deletes the folder.
    /// </summary>
    public static async Task<BenchmarkData> ReuseAsync(BenchmarkOptions options, string folder, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var root = Path.GetFullPath(folder);
        var keysFile = Path.Combine(root, KeysFileName);
        if (!File.Exists(keysFile) || !Directory.Exists(Path.Combine(root, "pgdata")))
        {
            throw new InvalidOperationException($"{root} is not a benchmark cluster folder (no pgdata or {KeysFileName}); --reuse takes the folder a --keep run printed.");
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions { RootDirectory = root }, loggerFactory.CreateLogger<LocalPostgres>(), ct);
        var keys = BenchmarkKeys.Load(keysFile);
        var services = BuildServices(cluster.ConnectionString(DatabaseName), options, keys);
        var data = new BenchmarkData(cluster, root, services, options.Size, keys, ownsFolder: false)
        {
            Today = services.GetRequiredService<BusinessClock>().Today,
        };
        await using (var connection = await data.OpenAsync(ct))
        {
            data.ServerVersion = connection.PostgreSqlVersion.ToString();
        }

        log.WriteLine(Invariant($"Reusing the PostgreSQL cluster in {root} on port {cluster.Port} (nothing generated)"));
        // Data kept by an older checkout: brought to this schema (as the app would at its start), with what later issues add.
        await data.MigrateAsync(ct);
        var added = await data.EnsureEvaluationsAsync(ct);
        if (added > 0)
        {
            log.WriteLine(Invariant($"Added {added:N0} evaluations and complaints to the reused data"));
        }

        return data;
    }

    /// <summary>
    /// New-client evaluations and complaints (issue 12), each when the data has none of them: an approved round for every client in operation (with
    /// its registration checked and confirmed), and for the clients under evaluation one open round each, spread over
    /// draft, submitted (a tenth of them overdue and escalated) and reviewed. Set-based SQL, seconds at 100,000 clients.
    /// </summary>
    public async Task<long> EnsureEvaluationsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using (var any = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM "ClientEvaluations")""", connection))
        {
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                return await EnsureOtherWorkflowsAsync(connection, ct);
            }
        }

        const string sections = """
            'Licensed; bank reference seen.', 'Jobs and pay clear; recruitable.', 'Destination labor law; Decree 620.', 30000, 1,
            'Stable employer.', 'Recommend.'
            """;
        await using var command = new NpgsqlCommand($"""
            INSERT INTO "ClientEvaluations" ("Id", "ClientId", "Round", "State", "StateSince", "CreditStanding", "ProjectFeasibility",
                "ApplicablePolicies", "DevelopmentCostCny", "Risk", "RiskReasons", "Recommendation", "CreatedById", "CreatedByName",
                "CreatedAt", "SubmittedAt", "SubmittedByName", "HeadOpinion", "ReviewedAt", "ReviewedByName", "DecisionMinutes",
                "DecisionParticipants", "DecidedAt", "DecidedById", "DecidedByName", "UpdatedAt")
            SELECT gen_random_uuid(), c."Id", 1, 4, c."RegisteredAt" + interval '5 days', {sections}, c."OwnerId", 'owner',
                c."RegisteredAt" + interval '1 day', c."RegisteredAt" + interval '2 days', 'owner', 'Sound.', c."RegisteredAt" + interval '3 days',
                'head', 'Discussed; approved.', 'leader, head', c."RegisteredAt" + interval '5 days', NULL, 'leader', c."RegisteredAt" + interval '5 days'
            FROM "Clients" c WHERE c."Status" IN (3, 4);
            UPDATE "Clients" SET "EvaluationApprovedAt" = "RegisteredAt" + interval '5 days' WHERE "Status" IN (3, 4);
            -- The registration documents the gate reads (rows only, without stored files): a business license and a credit
            -- certificate per client in operation; one in twenty licenses runs out within the month (the to-do reminder).
            INSERT INTO "ClientDocuments" ("Id", "ClientId", "Type", "CollectionMethod", "ReceivedOn", "ValidUntil", "UploadedById",
                "UploadedByName", "UploadedAt", "UpdatedAt")
            SELECT gen_random_uuid(), c."Id", t.type, 1, (c."RegisteredAt" + interval '1 day')::date,
                CASE WHEN t.type = 1 AND abs(hashtext(c."Id"::text || 'doc')) % 20 = 0 THEN current_date + 20 ELSE current_date + 400 END,
                c."OwnerId", 'owner', c."RegisteredAt" + interval '1 day', c."RegisteredAt" + interval '1 day'
            FROM "Clients" c CROSS JOIN (VALUES (1), (2)) AS t(type) WHERE c."Status" IN (3, 4);
            INSERT INTO "ClientEvaluations" ("Id", "ClientId", "Round", "State", "StateSince", "EscalatedAt", "CreditStanding", "ProjectFeasibility",
                "ApplicablePolicies", "DevelopmentCostCny", "Risk", "RiskReasons", "Recommendation", "CreatedById", "CreatedByName",
                "CreatedAt", "UpdatedAt")
            SELECT gen_random_uuid(), c."Id", 1, 1 + abs(hashtext(c."Id"::text)) % 3,
                now() - (abs(hashtext(c."Name")) % 240) * interval '1 hour',
                CASE WHEN abs(hashtext(c."Id"::text)) % 30 = 1 THEN now() - interval '1 hour' END,
                {sections}, c."OwnerId", 'owner', now() - interval '20 days', now() - interval '1 hour'
            FROM "Clients" c WHERE c."Status" = 2;
            ANALYZE "ClientEvaluations";
            ANALYZE "Clients";
            """, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct) + await EnsureOtherWorkflowsAsync(connection, ct);
    }

    /// <summary>The other workflows of issue 12, each generated when the data has none of it (so a kept database gains new ones).</summary>
    private static async Task<long> EnsureOtherWorkflowsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        await EnsureComplaintsAsync(connection, ct) + await EnsureContractReviewsAsync(connection, ct)
        + await EnsureAccountabilityCasesAsync(connection, ct) + await EnsureInformationReportsAsync(connection, ct)
        + await EnsureAccessRequestsAsync(connection, ct);

    /// <summary>
    /// Access requests and the use log (issue 13), when the data has none: a request on one client in two hundred, by a user of
    /// another department, spread over the four states (the approved ones half in force); five card views on one client in
    /// ten, under the owner's right, over the last three hundred days.
    /// </summary>
    private static async Task<long> EnsureAccessRequestsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var any = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM "AccessRequests") OR EXISTS (SELECT 1 FROM "DossierUses")""", connection))
        {
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO "AccessRequests" ("Id", "ClientId", "RequesterId", "RequesterName", "RequesterDepartmentId", "NamedAs", "Purpose", "DaysWanted",
                "State", "StateSince", "SubmittedAt", "DecidedAt", "DaysGranted", "GrantedUntil", "UpdatedAt")
            SELECT gen_random_uuid(), c."Id", u."Id", u."DisplayName", u."DepartmentId", c."Name", 'Tender for the client.', 7, x.state,
                x.at, x.at, CASE WHEN x.state > 1 THEN x.at END, CASE WHEN x.state IN (2, 4) THEN 7 END,
                CASE WHEN x.state IN (2, 4) THEN x.at + interval '7 days' END, x.at
            FROM "Clients" c
            CROSS JOIN LATERAL (SELECT 1 + abs(hashtext(c."Id"::text || 'access')) % 4 AS state,
                now() - (abs(hashtext(c."Name" || 'access')) % 480) * interval '1 hour' AS at) x
            CROSS JOIN LATERAL (SELECT u."Id", u."DisplayName", u."DepartmentId" FROM "AspNetUsers" u
                WHERE u."DepartmentId" IS NOT NULL AND u."DepartmentId" <> c."DepartmentId" ORDER BY u."Id" LIMIT 1) u
            WHERE abs(hashtext(c."Id"::text)) % 200 = 0;
            INSERT INTO "DossierUses" ("At", "UserId", "UserName", "ClientId", "Kind", "Basis", "What", "RemoteAddress")
            SELECT now() - (abs(hashtext(c."Id"::text || n::text)) % 7200) * interval '1 hour', c."OwnerId", 'owner', c."Id", 1, 1,
                'card, 1 principal(s)', '10.0.0.' || (1 + n)
            FROM "Clients" c CROSS JOIN generate_series(1, 5) n
            WHERE abs(hashtext(c."Id"::text)) % 10 = 0;
            ANALYZE "AccessRequests";
            ANALYZE "DossierUses";
            """, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Contract reviews (issue 12), when the data has none: one for every tenth batch in contract review, spread over draft
    /// and submitted (a tenth of the submitted ones escalated), for the review list, one review's page and the to-do list.
    /// </summary>
    private static async Task<long> EnsureContractReviewsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var any = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM "ContractReviews")""", connection))
        {
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO "ContractReviews" ("Id", "ClientId", "ProjectId", "Round", "State", "StateSince", "EscalatedAt", "LeaderRequired", "Submission",
                "JobTypes", "Headcount", "Qualifications", "Schedule", "Pay", "RecruitmentSources", "Training", "Timeline",
                "CreatedById", "CreatedByName", "CreatedAt", "UpdatedAt")
            SELECT gen_random_uuid(), p."ClientId", p."Id", 1, 1 + abs(hashtext(p."Id"::text || 'state')) % 2,
                now() - (abs(hashtext(p."Name")) % 240) * interval '1 hour',
                CASE WHEN abs(hashtext(p."Id"::text || 'late')) % 20 = 1 THEN now() - interval '1 hour' END,
                c."Grade" = 1, abs(hashtext(p."Id"::text)) % 2,
                coalesce(p."JobTypes", 'welder'), greatest(p."WorkersRequested", 1), '3 years'' experience', 'Departure in March', 'USD 900 a month',
                'Partner training centres', 'Two weeks of safety training', 'On time', c."OwnerId", 'owner', now() - interval '20 days', now()
            FROM "CooperationProjects" p JOIN "Clients" c ON c."Id" = p."ClientId"
            -- The state and the escalation hash the id with a salt of their own: the same hash is even for every row this picks.
            WHERE p."Status" = 2 AND p."ProjectNumber" IS NULL AND abs(hashtext(p."Id"::text)) % 10 = 0;
            ANALYZE "ContractReviews";
            """, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Complaints (issue 12) on one client in fifty, when the data has none, spread over every step of their flow.</summary>
    private static async Task<long> EnsureComplaintsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var any = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM "Complaints")""", connection))
        {
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO "Complaints" ("Id", "ClientId", "ReceivedOn", "Channel", "Nature", "Content", "State", "StateSince", "EscalatedAt",
                "RecordedById", "RecordedByName", "RecordedAt", "Findings", "ResponsibleDepartmentId", "ResponsiblePerson", "UpdatedAt")
            SELECT gen_random_uuid(), c."Id", (now() - (abs(hashtext(c."Name")) % 300) * interval '1 day')::date, 1 + abs(hashtext(c."Name")) % 5,
                1 + abs(hashtext(c."Id"::text)) % 5, 'Two workers were repeatedly absent without leave.', 1 + abs(hashtext(c."Id"::text || 'state')) % 6,
                now() - (abs(hashtext(c."Name")) % 300) * interval '1 hour',
                CASE WHEN abs(hashtext(c."Name")) % 7 = 0 AND abs(hashtext(c."Id"::text || 'state')) % 6 < 3 THEN now() END,
                c."OwnerId", 'owner', now() - interval '30 days', 'Confirmed.', c."DepartmentId", 'supervisor', now()
            FROM "Clients" c WHERE c."Status" = 3 AND abs(hashtext(c."Id"::text)) % 50 = 0;
            ANALYZE "Complaints";
            """, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Accountability cases (issue 12) on one client in forty, when the data has none, spread over the open states and closed;
    /// the opened ones a third past their report's due day. At most one open case per client and trigger (the unique index).
    /// </summary>
    private static async Task<long> EnsureAccountabilityCasesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var any = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM "AccountabilityCases")""", connection))
        {
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO "AccountabilityCases" ("Id", "ClientId", "Trigger", "State", "StateSince", "OpenedAt", "ReportDueOn", "CauseKind", "UpdatedAt")
            SELECT gen_random_uuid(), c."Id", 1 + abs(hashtext(c."Name")) % 3, 1 + abs(hashtext(c."Id"::text || 'state')) % 5,
                now() - (abs(hashtext(c."Name")) % 300) * interval '1 hour', now() - interval '20 days',
                (now() + (abs(hashtext(c."Id"::text)) % 3 - 1) * interval '10 days')::date, 0, now()
            FROM "Clients" c WHERE c."Status" IN (3, 4, 5) AND abs(hashtext(c."Id"::text)) % 40 = 0;
            ANALYZE "AccountabilityCases";
            """, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Important-information reports (issue 12) by the owners of one client in twenty, when the data has none, spread over
    /// their four states (A clients' straight to the leaders), for the report lists and the to-do list.
    /// </summary>
    private static async Task<long> EnsureInformationReportsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var any = new NpgsqlCommand("""SELECT EXISTS (SELECT 1 FROM "InformationReports")""", connection))
        {
            if ((bool)(await any.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO "InformationReports" ("Id", "ClientId", "Category", "Content", "Source", "LearnedOn", "State", "StateSince", "EscalatedAt",
                "WentToLeadersDirectly", "ReporterId", "ReporterName", "ReporterDepartmentId", "SubmittedAt", "UpdatedAt")
            SELECT gen_random_uuid(), c."Id", 1 + abs(hashtext(c."Name")) % 6, 'The employer plans a second batch of forty welders next spring.',
                'Visit to the site manager', (now() - (abs(hashtext(c."Name")) % 60) * interval '1 day')::date, 1 + abs(hashtext(c."Id"::text || 'state')) % 4,
                now() - (abs(hashtext(c."Name")) % 300) * interval '1 hour',
                CASE WHEN abs(hashtext(c."Name")) % 9 = 0 AND abs(hashtext(c."Id"::text || 'state')) % 4 < 2 THEN now() END,
                c."Grade" = 1, c."OwnerId", 'owner', c."DepartmentId", now() - interval '30 days', now()
            FROM "Clients" c WHERE abs(hashtext(c."Id"::text)) % 20 = 0;
            ANALYZE "InformationReports";
            """, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct);
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

    /// <summary>The postmaster's pid file (its first line is the pid), for <see cref="CpuSnapshot"/>.</summary>
    public string PostmasterPidFile => Path.Combine(_root, "pgdata", "postmaster.pid");

    /// <summary>PostgreSQL's own log (postgres.log in the cluster folder).</summary>
    public string ServerLogFile => Path.Combine(_root, "postgres.log");

    /// <summary>One company-wide manual regrade run, as a leader starts it: a fresh scope, the real service.</summary>
    /// <summary>The stored contact due days after grades were set by SQL, as the app does when the intervals change.</summary>
    public async Task<int> RescheduleContactsAsync(CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await ContactSchedule.RescheduleAllAsync(db, await db.GradingThresholdsAsync(ct), scope.ServiceProvider.GetRequiredService<BusinessClock>(), ct);
    }

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
    /// Grades as leaders would have confirmed them at earlier regrades, so that the grade-dependent warning rule (no new
    /// batch: 180 days for A, 365 for B) has clients to look at: every key client A, every regular client B, and one in
    /// ten of the other clients with batches B ("graded in better years", most of them without a batch for a year).
    /// The regrade benchmark wants every client C instead (<see cref="UseLoadedGradesAsync"/>); both rewrite
    /// <c>Clients</c> densely afterwards (VACUUM FULL), as after the load.
    /// </summary>
    public async Task<string> UseWarningGradesAsync(CancellationToken ct = default)
    {
        var random = new Random(5);
        var ids = new List<Guid>();
        var grades = new List<int>();
        for (var i = 0; i < _clientIds.Count; i++)
        {
            var staleB = random.NextDouble() < 0.1;
            var grade = _profiles[i] switch
            {
                ClientProfile.Key => ClientGrade.A,
                ClientProfile.Regular => ClientGrade.B,
                _ => staleB && _projectCounts[i] > 0 ? ClientGrade.B : ClientGrade.C,
            };
            if (grade != ClientGrade.C)
            {
                ids.Add(_clientIds[i]);
                grades.Add((int)grade);
            }
        }

        var what = Invariant($"{grades.Count(g => g == (int)ClientGrade.A):N0} A, {grades.Count(g => g == (int)ClientGrade.B):N0} B, the other {_clientIds.Count - grades.Count:N0} C");
        if (_warningGrades)
        {
            return what;
        }

        await using (var connection = await OpenAsync(ct))
        {
            await using var update = new NpgsqlCommand(
                """
                UPDATE "Clients" AS c SET "Grade" = v.grade
                FROM unnest(@ids, @grades) AS v(id, grade)
                WHERE c."Id" = v.id
                """, connection) { CommandTimeout = 0 };
            update.Parameters.AddWithValue("ids", ids.ToArray());
            update.Parameters.AddWithValue("grades", grades.ToArray());
            await update.ExecuteNonQueryAsync(ct);
        }

        await ExecuteAsync(["""VACUUM (FULL, ANALYZE) "Clients" """, "CHECKPOINT"], ct);
        _warningGrades = true;
        return what;
    }

    /// <summary>Every client C again, as loaded (undoes <see cref="UseWarningGradesAsync"/>).</summary>
    public async Task UseLoadedGradesAsync(CancellationToken ct = default)
    {
        if (!_warningGrades)
        {
            return;
        }

        await ExecuteAsync(["""UPDATE "Clients" SET "Grade" = 3 WHERE "Grade" <> 3""", """VACUUM (FULL, ANALYZE) "Clients" """, "CHECKPOINT"], ct);
        _warningGrades = false;
    }

    /// <summary>
    /// The state the regrade benchmark starts from: every client C, and either no warnings (as when the figures in
    /// docs/performance.md were first taken) or, <paramref name="withWarnings"/>, the warnings of one engine run over
    /// the warning grades, so the regrade's join of open abnormal warnings has rows to count.
    /// </summary>
    public async Task PrepareRegradeAsync(bool withWarnings, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (withWarnings && !_warningsPresent)
        {
            await UseWarningGradesAsync(ct);
            await ResetWarningStateAsync(ct);
            var run = await RunWarningsAsync(ct);
            log.WriteLine(Invariant($"Warnings in place for the regrade: {run.Raised:N0} raised ({await DescribeWarningsAsync(ct)})"));
        }
        else if (!withWarnings && _warningsPresent)
        {
            await ResetWarningStateAsync(ct);
        }

        await UseLoadedGradesAsync(ct);
    }

    /// <summary>One company-wide warning run on demand, as a leader starts it (the system actor: scope All).</summary>
    public async Task<WarningRun> RunWarningsAsync(CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<WarningEngine>();
        var run = await engine.RunAsync(WarningRunTrigger.OnDemand, ct);
        _warningsPresent = true;
        return run;
    }

    /// <summary>
    /// Undoes what warning runs wrote: no warnings, events, notifications or runs (the benchmark data has no other
    /// notifications). VACUUM FULL and CHECKPOINT as in <see cref="ResetGradingStateAsync"/>.
    /// </summary>
    public async Task ResetWarningStateAsync(CancellationToken ct = default)
    {
        await ExecuteAsync(
        [
            """DELETE FROM "Notifications" """,
            """DELETE FROM "WarningEvents" """,
            """DELETE FROM "Warnings" """,
            """DELETE FROM "WarningRuns" """,
            """VACUUM (FULL, ANALYZE) "Notifications", "WarningEvents", "Warnings", "WarningRuns" """,
            "CHECKPOINT",
        ], ct);
        _warningsPresent = false;
    }

    /// <summary>Rows in the four tables a warning run writes.</summary>
    public async Task<WarningRowCounts> CountWarningRowsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM "Warnings"), (SELECT count(*) FROM "WarningEvents"),
                   (SELECT count(*) FROM "Notifications"), (SELECT count(*) FROM "WarningRuns"),
                   (SELECT max("UpdatedAt") FROM "Warnings")
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new WarningRowCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    /// <summary>
    /// Rows in the warning tables and PostgreSQL's per-table counts of inserted, updated and deleted rows, once every
    /// earlier connection's statistics have reached the server's (a backend reports them when idle for a while or when it
    /// ends, so the pool is cleared first). <paramref name="runsInsertedAtLeast"/>: wait until the WarningRuns counter
    /// has reached it, which proves the statistics of the run that inserted it are in.
    /// </summary>
    public async Task<WriteSnapshot> SnapshotWritesAsync(long? runsInsertedAtLeast = null, CancellationToken ct = default)
    {
        NpgsqlConnection.ClearAllPools();
        var deadline = Stopwatch.StartNew();
        var previous = await TableWritesAsync(ct);
        while (true)
        {
            await Task.Delay(250, ct);
            var current = await TableWritesAsync(ct);
            var runsIn = current.TryGetValue("WarningRuns", out var r) ? r.Inserted : 0;
            var settled = current.Count == previous.Count && current.All(p => previous.TryGetValue(p.Key, out var v) && v == p.Value);
            if ((settled && runsIn >= (runsInsertedAtLeast ?? 0)) || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                return new WriteSnapshot(await CountWarningRowsAsync(ct), current);
            }

            previous = current;
        }
    }

    private async Task<Dictionary<string, TableWrites>> TableWritesAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("""SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables""", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var tables = new Dictionary<string, TableWrites>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            tables[reader.GetString(0)] = new TableWrites(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return tables;
    }

    /// <summary>
    /// Checks that a run with nothing changed wrote nothing: no counted change, the same rows in Warnings, WarningEvents
    /// and Notifications (and no warning touched since), and in PostgreSQL's statistics no row inserted, updated or
    /// deleted in any table but the one WarningRuns row of the run itself. Returns what it compared.
    /// </summary>
    public static string AssertNothingWritten(WarningRun run, WriteSnapshot before, WriteSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var written = run.Written;
        var changes = after.Tables
            .Select(t => (t.Key, Diff: t.Value - before.Tables.GetValueOrDefault(t.Key)))
            .Where(t => t.Diff != default)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        var expected = changes.Count == 1 && changes[0].Key == "WarningRuns" && changes[0].Diff == new TableWrites(1, 0, 0);
        var what = Invariant($"rows before {before.Rows}; after {after.Rows}; table writes: ")
            + (changes.Count == 0 ? "none" : string.Join(", ", changes.Select(c => $"{c.Key} {c.Diff}")));
        if (written != 0 || after.Rows != before.Rows with { Runs = before.Rows.Runs + 1 } || !expected)
        {
            throw new InvalidOperationException(Invariant(
                $"A run with nothing changed wrote {written} (raised {run.Raised}, refreshed {run.Refreshed}, cleared {run.Cleared}, returned {run.Returned}, escalated {run.Escalated}); {what}."));
        }

        return what;
    }

    public static WarningRunCounts Counts(WarningRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new WarningRunCounts(run.Assessed, run.Raised, run.Refreshed, run.Cleared, run.Returned, run.Escalated);
    }

    /// <summary>The warnings in the database by rule (all, with the high ones), and the notifications by kind.</summary>
    public async Task<string> DescribeWarningsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var parts = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT "Rule", count(*), count(*) FILTER (WHERE "Severity" = 2)
            FROM "Warnings" GROUP BY "Rule" ORDER BY "Rule"
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var rule = reader.IsDBNull(0) ? "by hand" : ((WarningRule)reader.GetInt32(0)).ToString();
                parts.Add(Invariant($"{rule} {reader.GetInt64(1):N0} ({reader.GetInt64(2):N0} high)"));
            }
        }

        var kinds = new List<string>();
        await using (var command = new NpgsqlCommand("""SELECT "Kind", count(*), count(DISTINCT "RecipientId") FROM "Notifications" GROUP BY "Kind" ORDER BY "Kind" """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                kinds.Add(Invariant($"{(ClientCrm.Domain.Notifications.NotificationKind)reader.GetInt32(0)} {reader.GetInt64(1):N0} to {reader.GetInt64(2):N0} people"));
            }
        }

        return "warnings: " + (parts.Count == 0 ? "none" : string.Join(", ", parts))
            + "; notifications: " + (kinds.Count == 0 ? "none" : string.Join(", ", kinds));
    }

    /// <summary>
    /// The engine's aggregate query alone, streamed to the end with the rules evaluated on each row, as the run does
    /// it but without loading the kept warnings or writing anything. Returns the clients read and the findings.
    /// </summary>
    public async Task<(int Clients, int Findings)> ReadWarningFactsAsync(CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var settings = (await db.WarningSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        int clients = 0, findings = 0;
        await foreach (var row in WarningFactsQuery.For(db, db.Clients.IgnoreQueryFilters().AsNoTracking(), Today, settings).AsAsyncEnumerable().WithCancellation(ct))
        {
            clients++;
            findings += WarningRules.Evaluate(row.ToFacts(), settings, Today).Count;
        }

        return (clients, findings);
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the exact command the warning run sends for its aggregate query (JIT off, as the run).</summary>
    public async Task<string> ExplainWarningFactsQueryAsync(CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var settings = (await db.WarningSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        await using var command = WarningFactsQuery.For(db, db.Clients.IgnoreQueryFilters().AsNoTracking(), Today, settings).CreateDbCommand();
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
            Run the page benchmark on it again without generating: --pages --reuse {_root}
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
        if (_ownsFolder)
        {
            DeleteFolder(_root);
        }
    }

    private static ServiceProvider BuildServices(string connectionString, BenchmarkOptions options, BenchmarkKeys keys)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys.Configuration).Build();
        var keyRing = KeyRing.FromOptions(configuration.GetSection(EncryptionOptions.SectionName).Get<EncryptionOptions>()!);

        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true);
            // The run logs one line (counts and milliseconds) at Information; EF's own chatter stays quiet unless asked.
            b.SetMinimumLevel(options.Quick || options.QuickWarnings || options.Pages ? LogLevel.Information : LogLevel.Warning);
            b.AddFilter("Microsoft", LogLevel.Warning);
            if (options.LogSql)
            {
                b.AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.Information);
            }
        });
        // The company-wide steps (rescheduling every contact, the warning run, the regrade) each run as the app's scheduled jobs
        // do, but on a million clients one statement can outlast the 30-second default while the machine is busy: no limit.
        services.AddInfrastructure(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString, keyRing);
        // The app registers its business clock in AddWeb from Crm:TimeZone; the benchmark runs in the default zone.
        services.AddSingleton(sp => BusinessClock.For(sp.GetRequiredService<TimeProvider>(), BusinessClock.DefaultTimeZoneId));
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

/// <summary>What <see cref="BenchmarkData.SnapshotWritesAsync"/> saw.</summary>
public sealed record WriteSnapshot(WarningRowCounts Rows, IReadOnlyDictionary<string, TableWrites> Tables);

/// <summary>PostgreSQL's cumulative counts of rows inserted, updated and deleted in one table (pg_stat_user_tables).</summary>
public readonly record struct TableWrites(long Inserted, long Updated, long Deleted)
{
    public static TableWrites operator -(TableWrites a, TableWrites b) => new(a.Inserted - b.Inserted, a.Updated - b.Updated, a.Deleted - b.Deleted);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"+{Inserted} ~{Updated} -{Deleted}");
}

/// <summary>Rows in the tables a warning run writes, and the newest change of a warning.</summary>
public sealed record WarningRowCounts(long Warnings, long Events, long Notifications, long Runs, DateTimeOffset? LastWarningUpdate)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Warnings:N0} warnings, {Events:N0} events, {Notifications:N0} notifications, {Runs:N0} runs, last warning change {LastWarningUpdate:O}");
}

/// <summary>
/// Field-encryption and blind-index keys as the integration tests make them: random, made for one generated data set.
/// The page benchmark hands them to the app it starts (<see cref="Environment"/>); they are saved in the cluster folder
/// (owner-only) so that <c>--reuse</c> can read the data again.
/// </summary>
public sealed record BenchmarkKeys(string ActiveKeyId, string Key, string BlindIndexKey)
{
    public static BenchmarkKeys Create() => new("bench",
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySizeInBytes)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySizeInBytes)));

    /// <summary>As configuration keys (Encryption:ActiveKeyId, Encryption:Keys:bench, Encryption:BlindIndexKey).</summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Encryption:ActiveKeyId"] = ActiveKeyId,
        ["Encryption:Keys:" + ActiveKeyId] = Key,
        ["Encryption:BlindIndexKey"] = BlindIndexKey,
    };

    /// <summary>As environment variables for the app (Encryption__ActiveKeyId, Encryption__Keys__bench, Encryption__BlindIndexKey).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Configuration.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value!, StringComparer.Ordinal);

    public void Save(string path)
    {
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, fileOptions);
        System.Text.Json.JsonSerializer.Serialize(stream, this);
    }

    public static BenchmarkKeys Load(string path)
    {
        using var stream = File.OpenRead(path);
        return System.Text.Json.JsonSerializer.Deserialize<BenchmarkKeys>(stream)
            ?? throw new InvalidOperationException($"{path} holds no keys.");
    }
}
