using Npgsql;

namespace ClientCrm.Infrastructure.Persistence;

/// <summary>
/// Connection settings the app's query pattern needs, added to whatever connection string the operator gives
/// (a value the operator set explicitly is kept). See docs/performance.md, "Pages".
/// </summary>
public static class PostgresConnectionSettings
{
    /// <summary>Statements kept prepared per physical connection (the app has a few hundred distinct ones).</summary>
    public const int MaxAutoPrepare = 256;

    /// <summary>Connections per app instance unless the connection string says otherwise (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 24;

    public static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        // Prepared statements: PostgreSQL parses each page query once per connection and, for the shapes whose plan
        // does not depend on the values, plans it once too.
        if (!Mentions(given, nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            builder.AutoPrepareMinUsages = 2;
        }

        // The app leaves no session state behind (its SET commands are SET LOCAL, its advisory locks are
        // transaction-scoped), so a connection going back to the pool needs no DISCARD ALL round trip, which would
        // also drop the prepared statements.
        if (!Mentions(given, nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        // A burst of requests (a page opened by many at once, a load test's first second) would otherwise open a new
        // connection per request, up to Npgsql's 100: each new connection prepares its statements again (parse and plan),
        // and on two cores fifty of them stalled every request for a second. Page queries hold a connection for
        // milliseconds, so requests beyond the cap wait briefly for one instead; a deployment with more cores sets its own.
        if (!Mentions(given, "MaximumPoolSize") && !Mentions(given, nameof(NpgsqlConnectionStringBuilder.MaxPoolSize)))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        // The page queries are short; PostgreSQL's JIT compiles expressions for any query it estimates as expensive
        // and added about half a second to such queries (the engines already turned it off per run).
        AddOptionUnlessSet(builder, "jit", "off");

        // Page queries are short and many run at once. A parallel plan's workers took about 100 ms to start on a two-core
        // server and then took the cores the other requests needed: the leader's to-do query for evaluations ran 25 ms
        // serially and 134-338 ms with a Gather Merge at 1,000,000 clients. The set-based runs turn it back on for their
        // own transaction (RunSession).
        AddOptionUnlessSet(builder, "max_parallel_workers_per_gather", "0");

        return builder.ConnectionString;
    }

    /// <summary>
    /// For the transaction of a set-based run over every client (the regrade, the warning run): no JIT, which compiles the
    /// aggregate's expressions anew in every worker and costs more than it saves (bench/: ~1.1 s without, ~1.35 s with over
    /// a million projects); and PostgreSQL's default parallelism, which the pages go without (<see cref="Tune"/>), so an
    /// aggregate over all clients may use both cores. The engines' figures in docs/performance.md were measured so.
    /// </summary>
    public const string RunSession = "SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 2";

    /// <summary>Adds <c>-c name=value</c> to the server options unless the operator's options name the setting already.</summary>
    private static void AddOptionUnlessSet(NpgsqlConnectionStringBuilder builder, string name, string value)
    {
        if (builder.Options?.Contains(name, StringComparison.OrdinalIgnoreCase) == true)
        {
            return;
        }

        var option = $"-c {name}={value}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? option : builder.Options + " " + option;
    }

    private static bool Mentions(NpgsqlConnectionStringBuilder given, string property) =>
        given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), property, StringComparison.OrdinalIgnoreCase));
}
