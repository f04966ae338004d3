using System.Globalization;

namespace ClientCrm.Benchmarks;

/// <summary>How much data to generate (SPEC-sized by default: issue 3 and the warning-engine issue after it).</summary>
public sealed record BenchmarkDataSize(int Clients, int Projects, int Incidents)
{
    public static readonly BenchmarkDataSize Default = new(100_000, 1_000_000, 200_000);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Clients:N0} clients, {Projects:N0} projects, {Incidents:N0} worker incidents");
}

/// <summary>
/// This program's own command-line options. Everything else is left for BenchmarkDotNet (<c>--filter</c> …), which
/// refuses options it does not know, so ours are taken out first.
/// </summary>
public sealed record BenchmarkOptions
{
    public BenchmarkDataSize Size { get; init; } = BenchmarkDataSize.Default;

    /// <summary><c>--quick</c>: load, then time a few runs with a stopwatch; no BenchmarkDotNet.</summary>
    public bool Quick { get; init; }

    /// <summary><c>--quick-warnings</c>: as <c>--quick</c>, for the warning engine.</summary>
    public bool QuickWarnings { get; init; }

    /// <summary>
    /// <c>--with-warnings</c>: the regrade runs (BenchmarkDotNet and <c>--quick</c>) start with the warnings of one
    /// warning run in place; with <c>--quick-warnings</c>, regrade runs are timed after the warning runs, warnings in place.
    /// </summary>
    public bool WithWarnings { get; init; }

    /// <summary><c>--runs N</c> (quick mode): how many first runs to time; default 3.</summary>
    public int Runs { get; init; } = 3;

    /// <summary><c>--explain</c> (quick mode): print EXPLAIN (ANALYZE, BUFFERS) of the aggregate query.</summary>
    public bool Explain { get; init; }

    /// <summary><c>--sql</c>: log the SQL EF Core sends (every command, so only for looking, not for timing).</summary>
    public bool LogSql { get; init; }

    /// <summary>
    /// <c>--pg-log</c> (quick mode): have PostgreSQL log every statement with its duration and print, after the runs,
    /// those that took 20 ms or more: where a run's time goes on the server's side.
    /// </summary>
    public bool PgLog { get; init; }

    /// <summary>
    /// <c>--keep</c> (quick mode): leave the cluster running with the data when done, and print how to connect and how
    /// to stop it, for looking at plans with psql.
    /// </summary>
    public bool Keep { get; init; }

    /// <summary>
    /// <c>--no-fsync</c>: run the throwaway cluster with fsync=off, as the integration tests do. Off by default so
    /// commits cost what they cost on a real server.
    /// </summary>
    public bool NoFsync { get; init; }

    /// <summary><c>--pages</c>: the page benchmark (app started in Release, driven with wrk); see <see cref="PageBenchmark"/>.</summary>
    public bool Pages { get; init; }

    /// <summary><c>--audit N</c> (page benchmark): audit log lines to generate.</summary>
    public int AuditRows { get; init; } = PageDataSize.DefaultAuditRows;

    /// <summary><c>--duration S</c> (page benchmark): seconds of each measured wrk run.</summary>
    public int DurationSeconds { get; init; } = 15;

    /// <summary><c>--warmup S</c> (page benchmark): seconds each page runs before any page is measured.</summary>
    public int WarmUpSeconds { get; init; } = 10;

    /// <summary><c>--connections 8,16,64</c> (page benchmark): the connection counts each page is driven with.</summary>
    public IReadOnlyList<int> Connections { get; init; } = [8, 16, 64];

    /// <summary><c>--only REGEX</c> (page benchmark): measure only the pages whose name matches.</summary>
    public string? Only { get; init; }

    /// <summary><c>--app-dir DIR</c> (page benchmark): the checkout whose src/ClientCrm.Web is built and run; default this one.</summary>
    public string? AppDir { get; init; }

    /// <summary>
    /// <c>--warm-all</c> (page benchmark): with <c>--only</c>, warm up every page of the catalogue first, as a full run does,
    /// and measure only those matched: a line's figure after the full run's warm-up without the full run's hour.
    /// </summary>
    public bool WarmAll { get; init; }

    /// <summary><c>--app-env NAME=VALUE</c> (page benchmark, repeatable): an environment variable for the app, for trying a runtime setting.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AppEnvironment { get; init; } = [];

    /// <summary><c>--compare FILE</c> (page benchmark): an earlier run's JSON whose /Clients p99 the run is held to (×1.2).</summary>
    public string? Compare { get; init; }

    /// <summary><c>--write-docs</c> (page benchmark): write the results into docs/performance.md.</summary>
    public bool WriteDocs { get; init; }

    /// <summary><c>--reuse FOLDER</c> (page benchmark): use the cluster a <c>--keep</c> run left, instead of generating.</summary>
    public string? Reuse { get; init; }

    /// <summary>
    /// <c>--from-json FILE</c> (page benchmark): measure nothing; print an earlier run's results again with the budget
    /// checks as they are now (and <c>--compare</c>), and with <c>--write-docs</c> write them into docs/performance.md.
    /// </summary>
    public string? FromJson { get; init; }

    /// <summary>The command line as given, for the record.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static BenchmarkOptions Parse(IReadOnlyList<string> args, out string[] rest)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions();
        var size = BenchmarkDataSize.Default;
        var others = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--quick-warnings":
                    options = options with { QuickWarnings = true };
                    break;
                case "--with-warnings":
                    options = options with { WithWarnings = true };
                    break;
                case "--explain":
                    options = options with { Explain = true };
                    break;
                case "--sql":
                    options = options with { LogSql = true };
                    break;
                case "--pg-log":
                    options = options with { PgLog = true };
                    break;
                case "--keep":
                    options = options with { Keep = true };
                    break;
                case "--no-fsync":
                    options = options with { NoFsync = true };
                    break;
                case "--pages":
                    options = options with { Pages = true };
                    break;
                case "--write-docs":
                    options = options with { WriteDocs = true };
                    break;
                case "--audit":
                    options = options with { AuditRows = Count(args, ref i) };
                    break;
                case "--duration":
                    options = options with { DurationSeconds = Math.Max(1, Count(args, ref i)) };
                    break;
                case "--warmup":
                    options = options with { WarmUpSeconds = Math.Max(1, Count(args, ref i)) };
                    break;
                case "--connections":
                    options = options with { Connections = Counts(args, ref i) };
                    break;
                case "--only":
                    options = options with { Only = Text(args, ref i) };
                    break;
                case "--warm-all":
                    options = options with { WarmAll = true };
                    break;
                case "--app-env":
                    var setting = Text(args, ref i);
                    var equals = setting.IndexOf('=', StringComparison.Ordinal);
                    options = equals > 0
                        ? options with { AppEnvironment = [.. options.AppEnvironment, new(setting[..equals], setting[(equals + 1)..])] }
                        : throw new ArgumentException($"--app-env takes NAME=VALUE (not '{setting}').");
                    break;
                case "--app-dir":
                    options = options with { AppDir = Text(args, ref i) };
                    break;
                case "--compare":
                    options = options with { Compare = Text(args, ref i) };
                    break;
                case "--reuse":
                    options = options with { Reuse = Text(args, ref i) };
                    break;
                case "--from-json":
                    options = options with { FromJson = Text(args, ref i) };
                    break;
                case "--runs":
                    options = options with { Runs = Count(args, ref i) };
                    break;
                case "--clients":
                    size = size with { Clients = Count(args, ref i) };
                    break;
                case "--projects":
                    size = size with { Projects = Count(args, ref i) };
                    break;
                case "--incidents":
                    size = size with { Incidents = Count(args, ref i) };
                    break;
                default:
                    others.Add(args[i]);
                    break;
            }
        }

        if (size.Clients < 1 || size.Projects < 0 || size.Incidents < 0 || (size.Incidents > 0 && size.Projects == 0))
        {
            throw new ArgumentException("Need at least one client, and projects for incidents to belong to.");
        }

        rest = [.. others];
        return options with { Size = size, Arguments = [.. args] };
    }

    private static int Count(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (i + 1 >= args.Count
            || !int.TryParse(args[i + 1].Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
            || value < 0)
        {
            throw new ArgumentException($"{name} needs a count, e.g. {name} 100000.");
        }

        i++;
        return value;
    }

    private static string Text(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
        {
            throw new ArgumentException($"{name} needs a value.");
        }

        i++;
        return args[i];
    }

    private static int[] Counts(IReadOnlyList<string> args, ref int i)
    {
        var name = Text(args, ref i);
        var parts = name.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"--connections takes counts separated by commas, e.g. 8,16,64 (not '{name}').");
            }

            values.Add(value);
        }

        return values.Count > 0 ? [.. values.Distinct().Order()] : throw new ArgumentException("--connections needs at least one count.");
    }
}
