using System.Text.Json;
using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Security.Rotation;

/// <summary>
/// An app whose keys come from a key file (as in production with the keys volume), so it can rotate: the file starts with
/// the run's shared test keys (the template's data is encrypted with them), configuration names only the file.
/// </summary>
public abstract class RotationTestHost(PostgresFixture postgres) : AppTest(postgres)
{
    protected string KeyFile { get; } = Path.Combine(postgres.DataDirectory, "rotation-keys", Guid.NewGuid().ToString("N") + ".json");

    protected virtual int BatchSize => 7;

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        var shared = Postgres.EncryptionSettings;
        File.WriteAllText(KeyFile, JsonSerializer.Serialize(new
        {
            ActiveKeyId = shared["Encryption:ActiveKeyId"],
            Keys = new Dictionary<string, string?> { [shared["Encryption:ActiveKeyId"]!] = shared["Encryption:Keys:" + shared["Encryption:ActiveKeyId"]] },
            BlindIndexKey = shared["Encryption:BlindIndexKey"],
        }));
        builder.UseSetting("Encryption:ActiveKeyId", "");
        builder.UseSetting("Encryption:BlindIndexKey", "");
        builder.UseSetting("Encryption:KeyFile", KeyFile);
        builder.UseSetting("Crm:Keys:ReloadGraceSeconds", "0");
        builder.UseSetting("Crm:Keys:BatchSize", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every confidential value of every client, principal and archived card, decrypted, keyed by row.</summary>
    protected Task<Dictionary<string, string>> PlaintextAsync() => App.WithDbAsync(ReadPlaintextAsync);

    internal static async Task<Dictionary<string, string>> ReadPlaintextAsync(CrmDbContext db)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in await db.Clients.AsNoTracking().ToListAsync())
        {
            all["client:" + c.Id] = JsonSerializer.Serialize(c.CurrentCard());
        }

        foreach (var p in await db.Principals.AsNoTracking().ToListAsync())
        {
            all["principal:" + p.Id] = JsonSerializer.Serialize(new { p.Name, p.Gender, p.Birthday, p.Phone, p.Email, p.MessagingId, p.Languages, p.Family, p.Hobbies, p.Personality, p.DecisionRole, p.Notes });
        }

        foreach (var r in await db.ClientCardRevisions.AsNoTracking().ToListAsync())
        {
            all["archived:" + r.Id] = JsonSerializer.Serialize(r.Card);
        }

        return all;
    }

    /// <summary>The key id of every stored ciphertext of the clients, principals and archived cards (raw, not decrypted).</summary>
    protected async Task<HashSet<string>> KeyIdsInUseAsync()
    {
        var cipher = (IFieldCipher)App.Services.GetService(typeof(IFieldCipher))!;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await App.WithDbAsync(async db =>
        {
            foreach (var sql in new[]
                     {
                         "SELECT \"Phone\" AS \"Value\" FROM \"Clients\"", "SELECT \"RegistrationNumber\" AS \"Value\" FROM \"Clients\"",
                         "SELECT \"BankAccount\" AS \"Value\" FROM \"Clients\"", "SELECT \"Phone\" AS \"Value\" FROM \"Principals\"",
                         "SELECT \"Family\" AS \"Value\" FROM \"Principals\"", "SELECT \"Card\" AS \"Value\" FROM \"ClientCardRevisions\"",
                     })
            {
                foreach (var value in await db.Database.SqlQueryRaw<byte[]?>(sql).ToListAsync())
                {
                    if (value is not null)
                    {
                        ids.Add(cipher.KeyIdOf(value));
                    }
                }
            }
        });
        return ids;
    }

    /// <summary>Asserts every client is found by its registration number (search and duplicate check) and its phone and email.</summary>
    protected async Task AssertEveryBlindIndexFindsItsRowAsync()
    {
        var indexer = (IBlindIndexer)App.Services.GetService(typeof(IBlindIndexer))!;
        var clients = await App.WithDbAsync(db => db.Clients.AsNoTracking().Select(c => new { c.Id, c.Name, c.CountryCode, c.RegistrationNumber, c.Phone, c.Email }).ToListAsync());
        var principals = await App.WithDbAsync(db => db.Principals.AsNoTracking().Where(p => p.Phone != null).Select(p => new { p.ClientId, p.Phone }).ToListAsync());
        Assert.NotEmpty(clients);
        await App.WithDbAsync(async db =>
        {
            foreach (var c in clients)
            {
                foreach (var term in new[] { c.RegistrationNumber, c.Phone, c.Email }.Where(t => !string.IsNullOrWhiteSpace(t)))
                {
                    var found = await ExactContactSearch.MatchingClientIdsAsync(db, term!, indexer, CancellationToken.None);
                    Assert.True(found is not null && found.Contains(c.Id), $"client {c.Id} not found by its own identifier");
                }

                if (!string.IsNullOrWhiteSpace(c.RegistrationNumber))
                {
                    var matches = await new DuplicateClientCheck(db, indexer).FindAsync("Another name " + c.Id, null, "ZZ", c.RegistrationNumber, null);
                    Assert.Contains(matches, m => m.ClientId == c.Id && m.Reason == DuplicateReason.RegistrationNumber);
                }
            }

            foreach (var p in principals)
            {
                var found = await ExactContactSearch.MatchingClientIdsAsync(db, p.Phone!, indexer, CancellationToken.None);
                Assert.True(found is not null && found.Contains(p.ClientId), "a principal's phone does not find its client");
            }
        });
    }
}
