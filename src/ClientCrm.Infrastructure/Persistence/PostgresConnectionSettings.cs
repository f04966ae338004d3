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
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(NpgsqlConnectionStringBuilder given, string property) =>
        given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), property, StringComparison.OrdinalIgnoreCase));
}
