using Microsoft.Extensions.Logging;

namespace ClientCrm.Development.Postgres;

/// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c> (and the <c>postgres</c> server next to them).</summary>
internal sealed record PostgresBinaries(string BinDirectory)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public const string NotFoundMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with `apt-get install postgresql`, or set ConnectionStrings:Crm to an existing server.";

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>PATH first, then <c>pg_config --bindir</c>, then the newest Debian/Ubuntu versioned folder (which is not on PATH).</summary>
    public static async Task<PostgresBinaries> FindAsync(ILogger logger, CancellationToken ct)
    {
        var binDirectory = FromPath() ?? await FromPgConfigAsync(logger, ct) ?? NewestDebianBinDirectory()
            ?? throw new PostgresUnavailableException(NotFoundMessage);
        logger.UsingBinaries(binDirectory);
        return new PostgresBinaries(binDirectory);
    }

    private static bool HasServerTools(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));

    private static string? FromPath()
    {
        var initDb = PostgresProcessRunner.FindOnPath("initdb");
        if (initDb is null)
        {
            return null;
        }

        // PATH often holds symlinks (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb); the real folder is
        // the one that certainly has the matching pg_ctl and postgres.
        var target = new FileInfo(initDb).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        var realFolder = target is null ? null : Path.GetDirectoryName(target);
        if (realFolder is not null && HasServerTools(realFolder))
        {
            return realFolder;
        }

        var pathFolder = Path.GetDirectoryName(initDb);
        return pathFolder is not null && HasServerTools(pathFolder) ? pathFolder : null;
    }

    private static async Task<string?> FromPgConfigAsync(ILogger logger, CancellationToken ct)
    {
        var pgConfig = PostgresProcessRunner.FindOnPath("pg_config");
        if (pgConfig is null)
        {
            return null;
        }

        try
        {
            // pg_config may come from a client-only package (libpq-dev) whose bindir has no server tools.
            var result = await PostgresProcessRunner.RunAsync(pgConfig, ["--bindir"], null, logger, ct);
            var folder = result.StandardOutput.Trim();
            return result.Succeeded && folder.Length > 0 && HasServerTools(folder) ? folder : null;
        }
        catch (PostgresUnavailableException)
        {
            return null;
        }
    }

    private static string? NewestDebianBinDirectory()
    {
        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(DebianRoot)
            .Select(folder => (Folder: folder, Version: ParseVersion(Path.GetFileName(folder))))
            .Where(entry => entry.Version is not null)
            .OrderByDescending(entry => entry.Version)
            .Select(entry => Path.Combine(entry.Folder, "bin"))
            .FirstOrDefault(HasServerTools);
    }

    // Folder names are "15", "16" or, for old releases, "9.6".
    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;
}
