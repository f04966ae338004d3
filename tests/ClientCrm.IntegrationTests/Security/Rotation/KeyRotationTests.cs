using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Infrastructure.Security.Rotation;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Security.Rotation;

/// <summary>Issue 13, "Keys and data safety": rotation without downtime, of the encryption key and of the blind-index key.</summary>
public sealed class KeyRotationTests(PostgresFixture postgres) : RotationTestHost(postgres)
{
    private KeyRotationRunner Runner => App.Services.GetRequiredService<KeyRotationRunner>();

    private KeyRing Ring => App.Services.GetRequiredService<KeyRing>();

    [Fact]
    public async Task Rotating_both_keys_while_users_read_and_write_leaves_every_value_intact_on_the_new_key_and_found_by_every_search()
    {
        var oldKey = Ring.ActiveKeyId;
        var before = await PlaintextAsync();
        Assert.Contains(before.Keys, k => k.StartsWith("principal:", StringComparison.Ordinal));

        var rotation = await Runner.StartAsync(KeyRotationKind.Encryption, "test", CancellationToken.None);
        Assert.NotEqual(oldKey, Ring.ActiveKeyId);
        Assert.Equal(Ring.ActiveKeyId, rotation.TargetKeyId);
        Assert.Contains(oldKey, Ring.KeyIds);

        // Users keep working: edits archive cards and write new phones (new blind indexes) while the batches pass.
        var (expected, edits) = await WhileAsync(() => Runner.RunAsync(CancellationToken.None));
        Assert.True(edits > 0);

        var after = await PlaintextAsync();
        foreach (var (key, value) in before)
        {
            Assert.True(after.ContainsKey(key), key + " is gone");
            if (!key.StartsWith("client:", StringComparison.Ordinal) || !expected.ContainsKey(key))
            {
                Assert.Equal(value, after[key]);
            }
        }

        foreach (var (key, notes) in expected)
        {
            Assert.Contains(notes, after[key], StringComparison.Ordinal);
        }

        Assert.Equal([Ring.ActiveKeyId], await KeyIdsInUseAsync());
        var done = await App.WithDbAsync(db => db.KeyRotations.AsNoTracking().SingleAsync(r => r.Id == rotation.Id));
        Assert.NotNull(done.FinishedAt);
        Assert.All(done.Steps, s => Assert.Equal(100, s.Percent));
        Assert.True(done.Steps.Single(s => s.Source == "clients").Done > 0);

        // The old key can go now; the data needs only the new one.
        await Runner.RetireAsync(oldKey, CancellationToken.None);
        Assert.DoesNotContain(oldKey, Ring.KeyIds);
        Assert.DoesNotContain(oldKey, File.ReadAllText(KeyFile), StringComparison.Ordinal);
        Assert.Equal(Sorted(after), Sorted(await PlaintextAsync()));

        // The blind-index key: while rows still hold the old index, both are searched and every row is found.
        var oldBlind = Ring.BlindIndexKeyId;
        await Runner.StartAsync(KeyRotationKind.BlindIndex, "test", CancellationToken.None);
        Assert.True(Ring.HasPreviousBlindIndexKey);
        Assert.NotEqual(oldBlind, Ring.BlindIndexKeyId);
        await AssertEveryBlindIndexFindsItsRowAsync();

        await WhileAsync(() => Runner.RunAsync(CancellationToken.None));
        Assert.False(Ring.HasPreviousBlindIndexKey);
        Assert.DoesNotContain("PreviousBlindIndexKey", File.ReadAllText(KeyFile), StringComparison.Ordinal);
        await AssertEveryBlindIndexFindsItsRowAsync();
        Assert.Equal([Ring.ActiveKeyId], await KeyIdsInUseAsync());
    }

    [Fact]
    public async Task A_rotation_cut_off_midway_resumes_where_the_data_says_and_completes()
    {
        var before = await PlaintextAsync();
        var oldKey = Ring.ActiveKeyId;
        var rotation = await Runner.StartAsync(KeyRotationKind.Encryption, "test", CancellationToken.None);

        // Cancelled as soon as the clients' first batches are committed.
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => Runner.RunAsync(stop.Token));
        while (!run.IsCompleted && await StepDoneAsync(rotation.Id, "clients") == 0)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var cut = await App.WithDbAsync(db => db.KeyRotations.AsNoTracking().SingleAsync(r => r.Id == rotation.Id));
        Assert.Null(cut.FinishedAt);
        var inUse = await KeyIdsInUseAsync();
        Assert.Contains(oldKey, inUse);
        Assert.Equal(Sorted(before), Sorted(await PlaintextAsync())); // readable throughout, old and new key mixed

        Assert.True(await Runner.RunAsync(CancellationToken.None));
        var done = await App.WithDbAsync(db => db.KeyRotations.AsNoTracking().SingleAsync(r => r.Id == rotation.Id));
        Assert.NotNull(done.FinishedAt);
        Assert.Equal([Ring.ActiveKeyId], await KeyIdsInUseAsync());
        Assert.Equal(Sorted(before), Sorted(await PlaintextAsync()));
    }

    [Fact]
    public async Task Every_table_with_encrypted_columns_has_a_reencryption_source()
    {
        var covered = App.Services.GetServices<IReencryptionSource>().OfType<EncryptedColumnsSource>().Select(s => s.EntityType).ToHashSet();
        var encrypted = await App.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(e => e.GetProperties().Any(p => ClientCrm.Infrastructure.Persistence.ConfidentialProperties.IsEncrypted(p)))
            .Select(e => e.ClrType).ToList()));
        Assert.NotEmpty(encrypted);
        Assert.All(encrypted, type => Assert.Contains(type, covered));
        Assert.Equal(App.Services.GetServices<IReencryptionSource>().Count(), App.Services.GetServices<IReencryptionSource>().Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public async Task The_keys_page_is_for_leaders_and_shows_ids_and_progress_but_never_key_material()
    {
        var head = await SignedInAsync("head1");
        using (var forbidden = await head.GetAsync("/Settings/Keys"))
        {
            Assert.NotEqual(System.Net.HttpStatusCode.OK, forbidden.StatusCode);
        }

        var leader = await SignedInAsync("leader");
        using (var started = await leader.SubmitAsync("/Settings/Keys", "form.rotate-form", new Dictionary<string, string?>()))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, started.StatusCode);
        }

        await Runner.RunAsync(CancellationToken.None);
        var page = await leader.GetPageAsync("/Settings/Keys");
        Assert.Equal(Ring.ActiveKeyId, page.QuerySelector("#active-key-id")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("#known-keys li").Length);
        Assert.All(page.QuerySelectorAll("#rotation-encryption .step-percent"), td => Assert.Equal("100%", td.TextContent.Trim()));
        var html = page.DocumentElement.OuterHtml;
        foreach (var secret in System.Text.Json.JsonDocument.Parse(File.ReadAllText(KeyFile)).RootElement.GetProperty("Keys").EnumerateObject())
        {
            Assert.DoesNotContain(secret.Value.GetString()!, html, StringComparison.Ordinal);
        }
    }

    private static List<KeyValuePair<string, string>> Sorted(Dictionary<string, string> values) =>
        values.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();

    private Task<long> StepDoneAsync(long rotationId, string source) => App.WithDbAsync(async db =>
        (await db.KeyRotations.AsNoTracking().SingleAsync(r => r.Id == rotationId)).Steps.Single(s => s.Source == source).Done);

    /// <summary>
    /// Runs <paramref name="rotation"/> while another task edits clients (an edit archives the card and changes the phone)
    /// and reads them back; returns each edited client's last notes and the number of edits.
    /// </summary>
    private async Task<(Dictionary<string, string> Notes, int Edits)> WhileAsync(Func<Task<bool>> rotation)
    {
        var ids = await App.WithDbAsync(db => db.Clients.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).Take(20).ToListAsync());
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var edits = 0;
        using var stop = new CancellationTokenSource();
        var users = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested || i < 3; i++)
            {
                var id = ids[i % ids.Count];
                var note = $"rotation edit {i}";
                await App.WithDbAsync(async db =>
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        var client = await db.Clients.SingleAsync(c => c.Id == id);
                        client.UpdateCard(client.CurrentCard() with { Notes = note, Phone = "+971 50 " + (1000000 + i) }, App.Clock, "test");
                        try
                        {
                            await db.SaveChangesAsync();
                            return;
                        }
                        catch (DbUpdateConcurrencyException) when (attempt < 5)
                        {
                            // The batch rewrote the row's ciphertext meanwhile (a new row version): as a user would, reload and save again.
                            db.ChangeTracker.Clear();
                        }
                    }
                });
                notes["client:" + id] = note;
                edits++;
                _ = await App.WithDbAsync(db => db.Clients.AsNoTracking().Where(c => c.Id == id).Select(c => c.BankAccount).SingleAsync());
            }
        });
        try
        {
            Assert.True(await rotation());
        }
        finally
        {
            await stop.CancelAsync();
            await users;
        }

        // What the users wrote during the run on an instance with the new key is on it already; run once more to be sure
        // nothing is left behind by the last edits.
        Assert.True(await rotation());
        return (notes, edits);
    }
}
