using System.Text.RegularExpressions;
using Quartz;

namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// Quartz's own PostgreSQL schema script, as the Quartz assembly this app references carries it (the script its job store
/// would run for itself with <c>ProvisionSchema()</c>): what the migration QuartzJobStore runs, so the tables are exactly
/// the ones this Quartz version reads and writes. Every statement only creates what is missing.
/// </summary>
/// <remarks>
/// A later Quartz version that adds columns needs a migration of its own that runs Quartz's upgrade script for it (the
/// assembly carries those too); this one only creates.
/// </remarks>
public static partial class QuartzSchema
{
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    /// <summary>The script's statements for tables named <paramref name="prefix"/>…, one command each.</summary>
    public static IReadOnlyList<string> CreateStatements(string prefix)
    {
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException(
                $"{Resource} is not in {typeof(IScheduler).Assembly.GetName()}: the migration QuartzJobStore needs Quartz's PostgreSQL schema script.");
        using var reader = new StreamReader(stream);
        // {0} is the table prefix, {1} the same without a schema qualifier (for index names); "qrtz_" has none. The script
        // separates its statements with a line reading "--;;".
        var script = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("{0}", prefix, StringComparison.Ordinal).Replace("{1}", prefix, StringComparison.Ordinal);
        return script.Split("\n--;;\n")
            .Where(piece => piece.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--", StringComparison.Ordinal)))
            .Select(piece => piece.Trim())
            .ToList();
    }

    /// <summary>The tables the script creates, for dropping them again.</summary>
    public static IReadOnlyList<string> Tables(string prefix) =>
        CreateStatements(prefix).Select(s => CreateTable().Match(s)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
