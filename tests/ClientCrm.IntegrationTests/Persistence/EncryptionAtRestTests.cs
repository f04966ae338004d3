using System.Net;
using System.Text;
using ClientCrm.Infrastructure.Security;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClientCrm.IntegrationTests.Persistence;

/// <summary>SPEC §2 confidentiality: a raw read of the tables shows none of the confidential values.</summary>
public sealed class EncryptionAtRestTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly string[] Secrets =
    [
        "AE07 0331 9999 8888 7777", "TAX-SECRET-4711", "REG-SECRET-0815", "Secret credit note about overdue fees",
        "Secret internal note", "+971 50 999 1234", "secret.principal@example.com", "wa:secret-handle", "Arabic, Urdu, Secretese",
        "Three children, secret", "Secret falconry", "Secretly impatient", "Secret principal note", "+971 4 999 0000", "secret-company@example.com",
    ];

    [Fact]
    public async Task A_raw_select_of_clients_principals_and_audit_log_shows_no_confidential_plaintext()
    {
        var staff = await SignedInAsync("staff1a");
        var values = ClientForms.ValidRegistration("Cipher Check Trading", "REG-SECRET-0815");
        values["Input.BankAccount"] = Secrets[0];
        values["Input.TaxNumber"] = Secrets[1];
        values["Input.CreditNotes"] = Secrets[3];
        values["Input.Notes"] = Secrets[4];
        values["Input.Phone"] = Secrets[13];
        values["Input.Email"] = Secrets[14];
        values["Principal.Phone"] = Secrets[5];
        values["Principal.Email"] = Secrets[6];
        values["Principal.MessagingId"] = Secrets[7];
        values["Principal.Languages"] = Secrets[8];
        values["Principal.Family"] = Secrets[9];
        values["Principal.Hobbies"] = Secrets[10];
        values["Principal.Personality"] = Secrets[11];
        values["Principal.Notes"] = Secrets[12];
        values["Principal.Gender"] = "Female";
        values["Principal.Birthday"] = "1971-03-09";
        values["Principal.DecisionRole"] = "Influencer";
        Guid id;
        using (var saved = await staff.SubmitAsync("/Clients/Create", "#client-form", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            id = Guid.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());
        }

        // An edit archives the old card, secrets included: the archive must be as opaque as the live row.
        using (var edited = await staff.SubmitAsync($"/Clients/{id}/Edit", "#client-form",
                   new Dictionary<string, string?> { ["Input.BankAccount"] = "AE00 REPLACED" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        var dump = new StringBuilder();
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var table in new[] { "Clients", "Principals", "AuditEntries", "ClientCardRevisions", "DataProtectionKeys" })
            {
                await using var command = new NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.GetValue(i);
                        dump.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Convert.ToHexString(bytes) : value.ToString()).Append('|');
                    }

                    dump.AppendLine();
                }
            }
        }

        var raw = dump.ToString();
        Assert.Equal(1, await App.WithDbAsync(db => db.ClientCardRevisions.CountAsync(r => r.ClientId == id)));
        Assert.Contains("Cipher Check Trading", raw, StringComparison.Ordinal); // the name is not confidential: the dump is real
        foreach (var secret in Secrets.Append("1971-03-09").Append("Influencer").Append("Female"))
        {
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToHexString(Encoding.UTF8.GetBytes(secret)), raw, StringComparison.OrdinalIgnoreCase);
        }

        // …and the app still reads them back, through the key named in each ciphertext.
        var page = await staff.GetPageAsync("/Clients?q=REG-SECRET-0815");
        var href = page.QuerySelector("#client-table a.client-link")!.GetAttribute("href")!;
        var details = await staff.GetPageAsync(href);
        Assert.Contains(Secrets[10], details.QuerySelector("#principals")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1971-03-09", details.QuerySelector("#principals")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_ciphertext_names_the_active_key_and_the_blind_index_is_not_the_plaintext()
    {
        var (cipherBytes, index) = await App.WithDbAsync(async db =>
        {
            var row = await db.Clients.Where(c => c.TaxNumber != null)
                .Select(c => new { c.Id, Index = EF.Property<byte[]>(c, "TaxNumberIndex") }).FirstAsync();
            await using var connection = new NpgsqlConnection(App.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT \"TaxNumber\" FROM \"Clients\" WHERE \"Id\" = @id", connection);
            command.Parameters.AddWithValue("id", row.Id);
            return ((byte[])(await command.ExecuteScalarAsync())!, row.Index);
        });

        var cipher = App.Services.GetService(typeof(IFieldCipher)) as IFieldCipher;
        Assert.Equal("test1", cipher!.KeyIdOf(cipherBytes));
        Assert.Equal(32, index.Length);
    }
}
