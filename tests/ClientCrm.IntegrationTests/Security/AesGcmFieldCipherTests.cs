using System.Security.Cryptography;
using System.Text;
using ClientCrm.Infrastructure.Security;

namespace ClientCrm.IntegrationTests.Security;

public sealed class AesGcmFieldCipherTests
{
    private const string Passport = "Passport E12345678, Zhang Wei, born 1990-01-02";

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData(Passport)]
    [InlineData("张伟，护照号码 E12345678，籍贯山东省")]
    [InlineData("Emoji 👷‍♂️ and Arabic محمد")]
    public void DecryptReturnsTheOriginalText(string plaintext)
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());

        var ciphertext = cipher.Encrypt(plaintext);

        Assert.Equal(plaintext, cipher.Decrypt(ciphertext));
    }

    [Fact]
    public void CiphertextFollowsTheDocumentedLayout()
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring("key_2024-01"));
        const string plaintext = "张伟";

        var ciphertext = cipher.Encrypt(plaintext);

        Assert.Equal(1, ciphertext[0]);
        Assert.Equal("key_2024-01".Length, ciphertext[1]);
        Assert.Equal("key_2024-01", Encoding.ASCII.GetString(ciphertext, 2, ciphertext[1]));
        Assert.Equal(2 + "key_2024-01".Length + 12 + 16 + Encoding.UTF8.GetByteCount(plaintext), ciphertext.Length);
    }

    [Fact]
    public void EncryptingTheSameTextTwiceGivesDifferentCiphertexts()
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());

        var first = cipher.Encrypt(Passport);
        var second = cipher.Encrypt(Passport);

        Assert.NotEqual(first, second);
        Assert.Equal(Passport, cipher.Decrypt(first));
        Assert.Equal(Passport, cipher.Decrypt(second));
    }

    [Theory]
    [InlineData(Passport)]
    [InlineData("张伟，护照号码 E12345678")]
    public void CiphertextDoesNotContainThePlaintextBytes(string plaintext)
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);

        var ciphertext = cipher.Encrypt(plaintext);

        Assert.True(ciphertext.AsSpan().IndexOf(plainBytes) < 0);
        Assert.True(ciphertext.AsSpan().IndexOf(plainBytes.AsSpan(0, 8)) < 0);
    }

    [Fact]
    public void ChangingAnySingleByteMakesDecryptionFail()
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());
        var original = cipher.Encrypt(Passport);

        for (var i = 0; i < original.Length; i++)
        {
            foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                var tampered = (byte[])original.Clone();
                tampered[i] ^= flip;

                var ex = Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(tampered));
                Assert.DoesNotContain("E12345678", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void TruncatedOrExtendedCiphertextFails()
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());
        var original = cipher.Encrypt(Passport);

        for (var length = 0; length < original.Length; length++)
        {
            var truncated = original.AsSpan(0, length).ToArray();
            Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(truncated));
        }

        var extended = original.Concat(new byte[] { 0 }).ToArray();
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(extended));
    }

    [Fact]
    public void RelabellingTheKeyIdFailsEvenWhenBothIdsHoldTheSameKey()
    {
        // Same key bytes under both ids: only the header being authenticated can detect the swap.
        var shared = TestKeys.NewKey();
        var ring = KeyRing.FromOptions(TestKeys.Options("k1", ("k1", shared), ("k2", shared)));
        var cipher = new AesGcmFieldCipher(ring);
        var ciphertext = cipher.Encrypt(Passport);
        Assert.Equal("k1", cipher.KeyIdOf(ciphertext));

        ciphertext[3] = (byte)'2';

        Assert.Equal("k2", cipher.KeyIdOf(ciphertext));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(ciphertext));
    }

    [Fact]
    public void RelabellingTheKeyIdToAnotherConfiguredKeyFails()
    {
        var ring = KeyRing.FromOptions(TestKeys.Options("k1", ("k1", TestKeys.NewKey()), ("k2", TestKeys.NewKey())));
        var cipher = new AesGcmFieldCipher(ring);
        var ciphertext = cipher.Encrypt(Passport);

        ciphertext[3] = (byte)'2';

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(ciphertext));
    }

    [Fact]
    public void AfterRotationOldCiphertextsStillDecryptAndNewOnesUseTheNewKey()
    {
        var k1 = TestKeys.NewKey();
        var blind = TestKeys.NewKey();
        var before = KeyRing.FromOptions(new EncryptionOptions
        {
            ActiveKeyId = "k1",
            Keys = { ["k1"] = k1 },
            BlindIndexKey = blind,
        });
        var oldCiphertext = new AesGcmFieldCipher(before).Encrypt(Passport);

        var after = KeyRing.FromOptions(new EncryptionOptions
        {
            ActiveKeyId = "k2",
            Keys = { ["k1"] = k1, ["k2"] = TestKeys.NewKey() },
            BlindIndexKey = blind,
        });
        var rotated = new AesGcmFieldCipher(after);

        Assert.Equal("k1", rotated.KeyIdOf(oldCiphertext));
        Assert.Equal(Passport, rotated.Decrypt(oldCiphertext));

        var newCiphertext = rotated.Encrypt(Passport);
        Assert.Equal("k2", rotated.KeyIdOf(newCiphertext));
        Assert.Equal(Passport, rotated.Decrypt(newCiphertext));
    }

    [Fact]
    public void CiphertextUnderAKeyThatIsNoLongerConfiguredFailsAndNamesOnlyTheKeyId()
    {
        var oldCiphertext = new AesGcmFieldCipher(TestKeys.Ring("retired")).Encrypt(Passport);
        var cipher = new AesGcmFieldCipher(TestKeys.Ring("current"));

        var ex = Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(oldCiphertext));

        Assert.Contains("retired", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("E12345678", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CiphertextFromADifferentKeyWithTheSameIdFails()
    {
        var ciphertext = new AesGcmFieldCipher(TestKeys.Ring("k1")).Encrypt(Passport);
        var otherCipher = new AesGcmFieldCipher(TestKeys.Ring("k1"));

        Assert.ThrowsAny<CryptographicException>(() => otherCipher.Decrypt(ciphertext));
    }

    [Fact]
    public void UnsupportedFormatVersionFails()
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());
        var ciphertext = cipher.Encrypt(Passport);

        ciphertext[0] = 2;

        Assert.ThrowsAny<CryptographicException>(() => cipher.KeyIdOf(ciphertext));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(ciphertext));
    }

    [Fact]
    public void EncryptRejectsAnUnpairedSurrogateWithoutEchoingTheValue()
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());

        var ex = Assert.Throws<ArgumentException>(() => cipher.Encrypt("secret\uD800value"));

        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        var cipher = new AesGcmFieldCipher(TestKeys.Ring());

        Assert.Throws<ArgumentNullException>(() => cipher.Encrypt(null!));
        Assert.Throws<ArgumentNullException>(() => cipher.Decrypt(null!));
        Assert.Throws<ArgumentNullException>(() => cipher.KeyIdOf(null!));
        Assert.Throws<ArgumentNullException>(() => new AesGcmFieldCipher(null!));
    }
}
