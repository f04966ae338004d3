using System.Globalization;
using System.Text.Json;
using ClientCrm.Infrastructure.Security;

namespace ClientCrm.IntegrationTests.Security;

public sealed class KeyRingTests : IDisposable
{
    private readonly string _tempRoot = Path.Combine(Path.GetTempPath(), "clientcrm-keyring-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_tempRoot))
        {
            Directory.Delete(_tempRoot, recursive: true);
        }
    }

    [Fact]
    public void ValidOptionsBuildARingWithTheActiveKeyAndAllKeyIds()
    {
        var ring = KeyRing.FromOptions(TestKeys.Options("k2", ("k1", TestKeys.NewKey()), ("k2", TestKeys.NewKey())));

        Assert.Equal("k2", ring.ActiveKeyId);
        Assert.Equal(["k1", "k2"], ring.KeyIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MissingActiveKeyIdNamesTheSetting()
    {
        var options = TestKeys.Options("k1", ("k1", TestKeys.NewKey()));
        options.ActiveKeyId = null;

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:ActiveKeyId", ex.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(options, ex);
    }

    [Fact]
    public void ActiveKeyIdWithoutAMatchingKeyNamesBothSettings()
    {
        var options = TestKeys.Options("k9", ("k1", TestKeys.NewKey()));

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:ActiveKeyId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Encryption:Keys:k9", ex.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(options, ex);
    }

    [Fact]
    public void MalformedActiveKeyIdIsRejectedWithoutEchoingIt()
    {
        var pastedKey = TestKeys.NewKey();
        var options = TestKeys.Options(pastedKey, ("k1", TestKeys.NewKey()));

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:ActiveKeyId", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pastedKey, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void KeyOfTheWrongLengthNamesTheKeySettingButNotTheKey(int length)
    {
        var badKey = Convert.ToBase64String(Enumerable.Range(1, length).Select(i => (byte)i).ToArray());
        var options = TestKeys.Options("k1", ("k1", TestKeys.NewKey()), ("old", badKey));

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:Keys:old", ex.Message, StringComparison.Ordinal);
        Assert.Contains("32", ex.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(options, ex);
    }

    [Theory]
    [InlineData("not base64 at all!!")]
    [InlineData("")]
    [InlineData("   ")]
    public void KeyThatIsNotBase64NamesTheKeySettingButNotTheValue(string badKey)
    {
        var options = TestKeys.Options("k1", ("k1", badKey));

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:Keys:k1", ex.Message, StringComparison.Ordinal);
        if (badKey.Trim().Length > 0)
        {
            Assert.DoesNotContain(badKey, ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ümlaut")]
    [InlineData("dot.ted")]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void InvalidKeyIdIsRejected(string keyId)
    {
        var options = TestKeys.Options("k1", ("k1", TestKeys.NewKey()), (keyId, TestKeys.NewKey()));

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:Keys", ex.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(options, ex);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("key_2025-01")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void KeyIdsUpTo32AllowedCharactersAreAccepted(string keyId)
    {
        var ring = KeyRing.FromOptions(TestKeys.Options(keyId, (keyId, TestKeys.NewKey())));

        Assert.Equal(keyId, ring.ActiveKeyId);
    }

    [Fact]
    public void MissingBlindIndexKeyNamesTheSetting()
    {
        var options = TestKeys.Options("k1", ("k1", TestKeys.NewKey()));
        options.BlindIndexKey = null;

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:BlindIndexKey", ex.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(options, ex);
    }

    [Fact]
    public void BlindIndexKeyOfTheWrongLengthNamesTheSettingButNotTheKey()
    {
        var options = TestKeys.Options("k1", ("k1", TestKeys.NewKey()));
        options.BlindIndexKey = Convert.ToBase64String(new byte[20]);

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:BlindIndexKey", ex.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(options, ex);
    }

    [Fact]
    public void BlindIndexKeyEqualToAnEncryptionKeyIsRejected()
    {
        var shared = TestKeys.NewKey();
        var options = TestKeys.Options("k1", ("k1", shared));
        options.BlindIndexKey = shared;

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:BlindIndexKey", ex.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(options, ex);
    }

    [Fact]
    public void DevelopmentKeyFileIsCreatedWithADatedActiveKeyAndABlindKey()
    {
        var path = Path.Combine(_tempRoot, "data", "keys", "encryption-keys.json");

        var options = KeyRing.CreateDevelopmentKeyFile(path);

        Assert.True(File.Exists(path));
        Assert.Matches("^dev-[0-9]{8}$", options.ActiveKeyId);
        var keyDate = DateTime.ParseExact(options.ActiveKeyId![4..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.InRange((DateTime.UtcNow.Date - keyDate).TotalDays, 0, 1);
        Assert.Equal(32, Convert.FromBase64String(options.Keys[options.ActiveKeyId!]).Length);
        Assert.Equal(32, Convert.FromBase64String(options.BlindIndexKey!).Length);
        Assert.NotEqual(options.Keys[options.ActiveKeyId!], options.BlindIndexKey);
        Assert.Equal(options.ActiveKeyId, KeyRing.FromOptions(options).ActiveKeyId);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void DevelopmentKeyFileIsReusedOnTheSecondCall()
    {
        var path = Path.Combine(_tempRoot, "data", "encryption-keys.json");

        var first = KeyRing.CreateDevelopmentKeyFile(path);
        var contentAfterFirst = File.ReadAllText(path);
        var second = KeyRing.CreateDevelopmentKeyFile(path);

        Assert.Equal(contentAfterFirst, File.ReadAllText(path));
        Assert.Equal(first.ActiveKeyId, second.ActiveKeyId);
        Assert.Equal(first.Keys, second.Keys);
        Assert.Equal(first.BlindIndexKey, second.BlindIndexKey);
    }

    [Fact]
    public void DevelopmentKeyFileIsReadableOnlyByItsOwnerOnUnix()
    {
        var path = Path.Combine(_tempRoot, "data", "encryption-keys.json");

        KeyRing.CreateDevelopmentKeyFile(path);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void DataEncryptedWithDevelopmentKeysDecryptsAfterReloadingTheFile()
    {
        var path = Path.Combine(_tempRoot, "data", "encryption-keys.json");
        var ciphertext = new AesGcmFieldCipher(KeyRing.FromOptions(KeyRing.CreateDevelopmentKeyFile(path))).Encrypt("张伟");

        var reloaded = new AesGcmFieldCipher(KeyRing.FromOptions(KeyRing.CreateDevelopmentKeyFile(path)));

        Assert.Equal("张伟", reloaded.Decrypt(ciphertext));
    }

    [Fact]
    public void KeyFileFillsSettingsThatConfigurationLacks()
    {
        var path = Path.Combine(_tempRoot, "keys.json");
        var fromFile = KeyRing.CreateDevelopmentKeyFile(path);

        var ring = KeyRing.FromOptions(new EncryptionOptions { KeyFile = path });

        Assert.Equal(fromFile.ActiveKeyId, ring.ActiveKeyId);
    }

    [Fact]
    public void ConfigurationWinsOverTheKeyFileAndFileKeysStayAvailableForDecryption()
    {
        var path = Path.Combine(_tempRoot, "keys.json");
        var fromFile = KeyRing.CreateDevelopmentKeyFile(path);
        var oldCiphertext = new AesGcmFieldCipher(KeyRing.FromOptions(fromFile)).Encrypt("legacy");

        var configured = TestKeys.Options("prod-2", ("prod-2", TestKeys.NewKey()));
        configured.KeyFile = path;
        var ring = KeyRing.FromOptions(configured);
        var cipher = new AesGcmFieldCipher(ring);

        Assert.Equal("prod-2", ring.ActiveKeyId);
        Assert.Contains(fromFile.ActiveKeyId!, ring.KeyIds);
        Assert.Equal("legacy", cipher.Decrypt(oldCiphertext));
        Assert.Equal("prod-2", cipher.KeyIdOf(cipher.Encrypt("new")));
        Assert.Single(configured.Keys);
    }

    [Fact]
    public void MissingKeyFileNamesTheSetting()
    {
        var options = new EncryptionOptions { KeyFile = Path.Combine(_tempRoot, "missing.json") };

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(options));

        Assert.Contains("Encryption:KeyFile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptKeyFileIsReportedWithoutQuotingItsContent()
    {
        Directory.CreateDirectory(_tempRoot);
        var path = Path.Combine(_tempRoot, "keys.json");
        const string secretLooking = "c2VjcmV0LWtleS1tYXRlcmlhbA";
        File.WriteAllText(path, "{\"ActiveKeyId\": \"k1\", \"Keys\": {\"k1\": " + secretLooking + "}}");

        var ex = Assert.Throws<InvalidOperationException>(() => KeyRing.FromOptions(new EncryptionOptions { KeyFile = path }));

        Assert.Contains("Encryption:KeyFile", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secretLooking, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public void KeyFileJsonUsesTheDocumentedPropertyNames()
    {
        var path = Path.Combine(_tempRoot, "keys.json");
        KeyRing.CreateDevelopmentKeyFile(path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));

        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("ActiveKeyId").ValueKind);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("Keys").ValueKind);
        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("BlindIndexKey").ValueKind);
    }

    private static void AssertNoKeyMaterial(EncryptionOptions options, Exception ex)
    {
        foreach (var key in options.Keys.Values.Append(options.BlindIndexKey))
        {
            if (!string.IsNullOrWhiteSpace(key))
            {
                Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(key[..8], ex.Message, StringComparison.Ordinal);
            }
        }

        Assert.Null(ex.InnerException);
    }
}
