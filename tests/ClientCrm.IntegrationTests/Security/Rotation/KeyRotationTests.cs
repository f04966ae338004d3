using System.Text.Json;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
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
        await AssertEveryValueAsync(before, expected, edits);
        var after = await PlaintextAsync();

        Assert.Equal([Ring.ActiveKeyId], await KeyIdsInUseAsync());
        var done = await App.WithDbAsync(db => db.KeyRotations.AsNoTracking().SingleAsync(r => r.Id == rotation.Id));
        Assert.NotNull(done.FinishedAt);
        Assert.All(done.Steps, s => Assert.Equal(100, s.Percent));
        Assert.True(done.Steps.Single(s => s.Source == "clients").Done > 0);

        // The old key came from configuration (the run's shared test key): only the operator can take it out.
        var configured = await Assert.ThrowsAsync<DomainException>(() => Runner.RetireAsync(oldKey, CancellationToken.None));
        Assert.Equal("Keys.ConfiguredKey", configured.Code);

        // A key of the file goes once no value uses it: refused while a newer rotation has rows left on it, then removed.
        var fileKey = Ring.ActiveKeyId;
        await Runner.StartAsync(KeyRotationKind.Encryption, "test", CancellationToken.None);
        var stillUsed = await Assert.ThrowsAsync<DomainException>(() => Runner.RetireAsync(fileKey, CancellationToken.None));
        Assert.Equal("Keys.StillUsed", stillUsed.Code);
        Assert.True(await Runner.RunAsync(CancellationToken.None));
        await Runner.RetireAsync(fileKey, CancellationToken.None);
        Assert.DoesNotContain(fileKey, Ring.KeyIds);
        Assert.DoesNotContain(fileKey, File.ReadAllText(KeyFile), StringComparison.Ordinal);
        Assert.Equal(Sorted(after), Sorted(await PlaintextAsync()));

        // The blind-index key: while rows still hold the old index, both are searched and every row is found.
        var oldBlind = Ring.BlindIndexKeyId;
        await Runner.StartAsync(KeyRotationKind.BlindIndex, "test", CancellationToken.None);
        Assert.True(Ring.HasPreviousBlindIndexKey);
        Assert.NotEqual(oldBlind, Ring.BlindIndexKeyId);
        await AssertEveryBlindIndexFindsItsRowAsync();

        var beforeBlind = await PlaintextAsync();
        (expected, edits) = await WhileAsync(() => Runner.RunAsync(CancellationToken.None));
        await AssertEveryValueAsync(beforeBlind, expected, edits);
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
    /// Every value read before is read back after, except the edited clients' cards, which are exactly as last saved; each
    /// edit added one archived card, readable too.
    /// </summary>
    private async Task AssertEveryValueAsync(Dictionary<string, string> before, Dictionary<string, string> edited, int edits)
    {
        var after = await PlaintextAsync();
        foreach (var (key, value) in before)
        {
            Assert.True(after.ContainsKey(key), key + " is gone");
            Assert.Equal(edited.GetValueOrDefault(key, value), after[key]);
        }

        Assert.Equal(edits, after.Keys.Except(before.Keys).Count(k => k.StartsWith("archived:", StringComparison.Ordinal)));
        Assert.Equal(before.Count + edits, after.Count);
    }

    /// <summary>
    /// Runs <paramref name="rotation"/> while another task keeps editing clients (an edit archives the card and changes the
    /// phone, so new ciphertexts and blind indexes) and reading them back; asserts that edits were saved while the rotation
    /// ran (not only before or after it). Returns each edited client's card as last saved, and the number of edits.
    /// </summary>
    private async Task<(Dictionary<string, string> Cards, int Edits)> WhileAsync(Func<Task<bool>> rotation)
    {
        var ids = await App.WithDbAsync(db => db.Clients.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).Take(20).ToListAsync());
        var cards = new Dictionary<string, string>(StringComparer.Ordinal);
        var edits = 0;
        var run = Guid.NewGuid().ToString("N")[..6]; // every edit changes the card, so every edit archives one
        var editsWhileRotating = 0;
        var rotating = 0; // 1 while the rotation runs
        using var firstEdit = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var users = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = ids[i % ids.Count];
                var during = Volatile.Read(ref rotating) == 1;
                var card = await App.WithDbAsync(async db =>
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        var client = await db.Clients.SingleAsync(c => c.Id == id);
                        client.UpdateCard(client.CurrentCard() with { Notes = $"rotation edit {run}.{i}", Phone = "+971 50 " + (1000000 + i) }, App.Clock, "test");
                        try
                        {
                            await db.SaveChangesAsync();
                            return JsonSerializer.Serialize(client.CurrentCard());
                        }
                        catch (DbUpdateConcurrencyException) when (attempt < 5)
                        {
                            // The batch rewrote the row's ciphertext meanwhile (a new row version): as a user would, reload and save again.
                            db.ChangeTracker.Clear();
                        }
                    }
                });
                cards["client:" + id] = card;
                edits++;
                if (during && Volatile.Read(ref rotating) == 1)
                {
                    editsWhileRotating++;
                }

                if (edits == 1)
                {
                    firstEdit.Release();
                }

                // A read between the writes, on whichever key the row is on at the moment.
                Assert.Equal(card, JsonSerializer.Serialize(
                    (await App.WithDbAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == id))).CurrentCard()));
            }
        });

        try
        {
            await firstEdit.WaitAsync(TimeSpan.FromSeconds(30));
            Volatile.Write(ref rotating, 1);
            Assert.True(await rotation());
            Volatile.Write(ref rotating, 0);
        }
        finally
        {
            await stop.CancelAsync();
            await users;
        }

        Assert.True(editsWhileRotating > 0, "no edit was saved while the rotation ran");

        // The last edits may have been saved after the last batch passed them: on an instance with the new key they are on
        // it already, and another run finds nothing left.
        Assert.True(await rotation());
        return (cards, edits);
    }
}
