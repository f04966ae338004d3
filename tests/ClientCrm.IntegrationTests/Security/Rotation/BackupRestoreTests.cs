using System.Diagnostics;
using System.Text;
using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClientCrm.IntegrationTests.Security.Rotation;

/// <summary>
/// Issue 13: scripts/backup.sh writes the dump and the keys apart; scripts/restore.sh restores both into a fresh database,
/// where every client, principal and archived card reads back intact; the dump alone holds no confidential plaintext.
/// </summary>
// The scripts are bash with pg_dump/pg_restore; the folder modes they set are Unix modes.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupRestoreTests(PostgresFixture postgres) : RotationTestHost(postgres)
{
    private const string BankMarker = "BANKMARKER-7731-0042";
    private const string PhoneMarker = "+971 55 8246 1397";
    private const string FamilyMarker = "FAMILYMARKER wife and two sons";
    private const string DocumentMarker = "DOCUMENTMARKER-licence-page";

    [Fact]
    public async Task A_backup_restores_into_a_fresh_database_with_every_value_decryptable_and_the_dump_alone_reveals_none()
    {
        var clientId = await GradingArrange.ActiveClientAsync(App, "staff1a", "Backup Marker Trading", c => c with { BankAccount = BankMarker });
        await App.WithDbAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Principals).SingleAsync(c => c.Id == clientId);
            client.AddPrincipal(new PrincipalCard { Name = "Marker Principal", Phone = PhoneMarker, Family = FamilyMarker }, DateTimeOffset.UtcNow);
            client.UpdateCard(client.CurrentCard() with { Notes = "archived marker" }, App.Clock, "test");
            await db.SaveChangesAsync();
        });
        var before = await PlaintextAsync();
        var pdf = Dossier.DossierArrange.Pdf(DocumentMarker, Domain.Dossier.ClientDocumentFile.ChunkSize + 999);
        Guid documentId;
        using (var uploaded = await Dossier.DossierArrange.UploadAsync(await SignedInAsync("staff1a"), clientId, Dossier.DossierArrange.License(App.Clock.Today),
                   ("licence.pdf", pdf, "application/pdf")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, uploaded.StatusCode);
            var location = uploaded.Headers.Location!.OriginalString;
            documentId = Guid.Parse(location.AsSpan(location.LastIndexOf('/') + 1));
        }

        var folder = Path.Combine(Postgres.DataDirectory, "backup-" + Guid.NewGuid().ToString("N")[..8]);
        var source = new NpgsqlConnectionStringBuilder(App.ConnectionString);
        var (code, output) = await BashAsync(source, "scripts/backup.sh", "--key-file", KeyFile, folder);
        Assert.True(code == 0, output);

        var dump = Directory.GetFiles(folder, "*.dump").Single();
        Assert.Equal("PGDMP"u8.ToArray(), (await File.ReadAllBytesAsync(dump))[..5]); // pg_dump's custom format
        var keysDir = Directory.GetDirectories(folder, "*.keys").Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keysDir, "keys.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keysDir));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(dump)!, "*.json")); // the keys are not beside the dump

        // The dump alone: neither its bytes nor the SQL it restores to contain a confidential value.
        var (_, sql) = await RunAsync(source, "pg_restore", "--file=-", dump);
        Assert.Contains("COPY public.\"Clients\"", sql, StringComparison.Ordinal); // the text is really the data
        foreach (var marker in new[] { BankMarker, PhoneMarker, FamilyMarker, "archived marker", DocumentMarker })
        {
            Assert.DoesNotContain(marker, sql, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(dump)), StringComparison.Ordinal);
        }

        var database = "crm_restored_" + Guid.NewGuid().ToString("N")[..8];
        var restoredKeys = Path.Combine(folder, "restored", "keys.json");
        (code, output) = await BashAsync(source, "scripts/restore.sh", dump, keysDir, database, restoredKeys);
        Assert.True(code == 0, output);
        try
        {
            // The restored keys alone (no configuration) read the restored database.
            var ring = KeyRing.FromOptions(new EncryptionOptions { KeyFile = restoredKeys });
            var cipher = new AesGcmFieldCipher(ring);
            var options = new DbContextOptionsBuilder<CrmDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(App.ConnectionString) { Database = database }.ConnectionString).Options;
            await using var restored = CrmDbContext.Create(options, SystemActor.Instance, cipher);
            var after = await ReadPlaintextAsync(restored);
            Assert.Equal(before.OrderBy(v => v.Key, StringComparer.Ordinal), after.OrderBy(v => v.Key, StringComparer.Ordinal));
            Assert.Contains(after.Values, v => v.Contains(BankMarker, StringComparison.Ordinal));
            Assert.Contains(after.Values, v => v.Contains(FamilyMarker, StringComparison.Ordinal));

            // The document's file reads back byte for byte from the restored chunks with the restored keys.
            var file = await restored.ClientDocumentFiles.SingleAsync(f => f.DocumentId == documentId);
            using var read = new MemoryStream();
            await new ClientCrm.Infrastructure.Dossier.DocumentStore(restored, new AesGcmChunkCipher(ring)).CopyToAsync(file, read, CancellationToken.None);
            Assert.Equal(pdf, read.ToArray());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Postgres.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Restore_refuses_an_existing_database_and_a_backup_without_its_keys()
    {
        var folder = Path.Combine(Postgres.DataDirectory, "backup-" + Guid.NewGuid().ToString("N")[..8]);
        var source = new NpgsqlConnectionStringBuilder(App.ConnectionString);
        var (code, output) = await BashAsync(source, "scripts/backup.sh", "--key-file", KeyFile, folder);
        Assert.True(code == 0, output);
        var dump = Directory.GetFiles(folder, "*.dump").Single();

        (code, output) = await BashAsync(source, "scripts/restore.sh", dump, Path.Combine(folder, "nowhere"), "crm_never", Path.Combine(folder, "k.json"));
        Assert.NotEqual(0, code);
        Assert.Contains("keys", output, StringComparison.Ordinal);

        var keysDir = Directory.GetDirectories(folder, "*.keys").Single();
        (code, output) = await BashAsync(source, "scripts/restore.sh", dump, keysDir, source.Database!, Path.Combine(folder, "k.json"));
        Assert.NotEqual(0, code);
        Assert.Contains("exists", output, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output)> BashAsync(NpgsqlConnectionStringBuilder db, string script, params string[] args) =>
        RunAsync(db, "bash", [Path.Combine(RepositoryRoot(), script), .. args]);

    private static async Task<(int Code, string Output)> RunAsync(NpgsqlConnectionStringBuilder db, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The scripts call pg_dump, pg_restore, psql and createdb by name, as an operator would: the newest Debian
        // PostgreSQL binaries first (the test cluster's own version), not whatever wrapper PATH happens to hold.
        if (NewestPostgresBin() is { } bin)
        {
            start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        }

        start.Environment["PGHOST"] = db.Host;
        start.Environment["PGPORT"] = db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = db.Username;
        start.Environment["PGPASSWORD"] = db.Password;
        start.Environment["PGDATABASE"] = db.Database;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? NewestPostgresBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "pg_dump")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault()
            : null;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClientCrm.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ClientCrm.sln not found above " + AppContext.BaseDirectory);
    }
}
