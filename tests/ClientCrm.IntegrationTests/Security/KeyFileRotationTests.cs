using System.Text.Json;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Infrastructure.Security.Rotation;

namespace ClientCrm.IntegrationTests.Security;

/// <summary>The key file as rotation writes it, and the ring reloading it (no database).</summary>
public sealed class KeyFileRotationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crm-keyfile-" + Guid.NewGuid().ToString("N")[..8]);

    private string NewKeyFile()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "keys.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { ActiveKeyId = "k1", Keys = new Dictionary<string, string> { ["k1"] = TestKeys.NewKey() }, BlindIndexKey = TestKeys.NewKey() }));
        return path;
    }

    [Fact]
    public void A_new_active_key_reaches_the_ring_on_reload_and_old_ciphertexts_still_decrypt()
    {
        var path = NewKeyFile();
        var ring = KeyRing.FromOptions(new EncryptionOptions { KeyFile = path });
        var cipher = new AesGcmFieldCipher(ring);
        var old = cipher.Encrypt("+971 50 123 4567");
        Assert.True(ring.CanRotate);

        var id = KeyFileEditor.AddActiveKey(path, DateTimeOffset.UtcNow);
        Assert.Equal("k1", ring.ActiveKeyId); // not before the reload
        Assert.True(ring.Reload());
        Assert.False(ring.Reload()); // nothing changed since

        Assert.Equal(id, ring.ActiveKeyId);
        Assert.Equal(["k1", id], ring.KeyIds.Order(StringComparer.Ordinal));
        var fresh = cipher.Encrypt("+971 50 123 4567");
        Assert.Equal(id, cipher.KeyIdOf(fresh));
        Assert.Equal("+971 50 123 4567", cipher.Decrypt(old));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));

        KeyFileEditor.RetireKey(path, "k1");
        ring.Reload();
        Assert.Equal([id], ring.KeyIds);
        Assert.Throws<InvalidOperationException>(() => KeyFileEditor.RetireKey(path, id));
    }

    [Fact]
    public void During_a_blind_index_rotation_searches_compute_the_new_and_the_previous_index_and_after_it_only_the_new()
    {
        var path = NewKeyFile();
        var ring = KeyRing.FromOptions(new EncryptionOptions { KeyFile = path });
        var indexer = new HmacBlindIndexer(ring);
        var before = indexer.Compute(BlindIndexKind.Phone, "+971 50 123 4567");
        var fingerprint = ring.BlindIndexKeyId;

        KeyFileEditor.RotateBlindIndexKey(path);
        ring.Reload();
        Assert.True(ring.HasPreviousBlindIndexKey);
        Assert.NotEqual(fingerprint, ring.BlindIndexKeyId);
        var both = indexer.ComputeAll(BlindIndexKind.Phone, "00971 50 1234567");
        Assert.Equal(2, both.Count);
        Assert.Equal(before, both[1]);
        Assert.NotEqual(before, both[0]);
        Assert.Equal(both[0], indexer.Compute(BlindIndexKind.Phone, "+971 50 123 4567"));
        Assert.Throws<InvalidOperationException>(() => KeyFileEditor.RotateBlindIndexKey(path)); // one at a time

        KeyFileEditor.RetirePreviousBlindIndexKey(path);
        ring.Reload();
        Assert.False(ring.HasPreviousBlindIndexKey);
        Assert.Equal([both[0]], indexer.ComputeAll(BlindIndexKind.Phone, "+971 50 123 4567"));
    }

    [Fact]
    public void Keys_set_in_configuration_cannot_be_rotated_through_the_file_and_a_broken_file_keeps_the_loaded_keys()
    {
        var path = NewKeyFile();
        var configured = TestKeys.Options("c1", ("c1", TestKeys.NewKey()));
        configured.KeyFile = path;
        Assert.False(KeyRing.FromOptions(configured).CanRotate);

        var ring = KeyRing.FromOptions(new EncryptionOptions { KeyFile = path });
        File.WriteAllText(path, "{ not json");
        var error = Assert.Throws<InvalidOperationException>(() => ring.Reload());
        Assert.DoesNotContain("not json", error.Message, StringComparison.Ordinal);
        Assert.Equal("k1", ring.ActiveKeyId);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
