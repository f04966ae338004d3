using System.Security.Cryptography;
using System.Text;

namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// AES-256-GCM field encryption. Layout:
/// <c>[version = 1][key id length N][N bytes ASCII key id][12-byte nonce][16-byte tag][ciphertext]</c>.
/// The version and key id are authenticated as associated data, so a ciphertext cannot be relabelled
/// to another key or format without failing decryption.
/// </summary>
public sealed class AesGcmFieldCipher(KeyRing keys) : IFieldCipher
{
    internal const byte FormatVersion = 1;
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    // Strict so that malformed input fails loudly instead of being silently replaced with U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly KeyRing _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    public byte[] Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);

        byte[] plainBytes;
        try
        {
            plainBytes = StrictUtf8.GetBytes(plaintext);
        }
        catch (EncoderFallbackException)
        {
            // The encoder's own message quotes the offending character, which is part of the plaintext.
            throw new ArgumentException("The value contains an unpaired UTF-16 surrogate and cannot be encrypted.", nameof(plaintext));
        }

        try
        {
            return Seal(_keys, plainBytes, []);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }
    }

    public string Decrypt(byte[] ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);

        var plainBytes = Open(_keys, ciphertext, []);
        try
        {
            return StrictUtf8.GetString(plainBytes);
        }
        catch (DecoderFallbackException)
        {
            // Only reachable if something holding the key wrote non-UTF-8 bytes; the decoder's message would
            // quote them.
            throw new CryptographicException("The decrypted value is not valid UTF-8.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }
    }

    /// <summary>
    /// Seals <paramref name="plainBytes"/> under the active key in the layout above. <paramref name="context"/> is authenticated
    /// after the header but not stored: whoever opens the value must give the same context (a file chunk binds its file and
    /// position this way). Fields pass none, so their associated data is the header alone.
    /// </summary>
    internal static byte[] Seal(KeyRing keys, ReadOnlySpan<byte> plainBytes, ReadOnlySpan<byte> context)
    {
        // One snapshot for the id and the bytes: the ring may be reloaded with a new active key meanwhile.
        var ring = keys.Current;
        var keyId = ring.ActiveKeyId;
        var headerLength = 2 + keyId.Length;
        var result = new byte[headerLength + NonceSize + TagSize + plainBytes.Length];

        result[0] = FormatVersion;
        result[1] = (byte)keyId.Length;
        Encoding.ASCII.GetBytes(keyId, result.AsSpan(2, keyId.Length));

        var nonce = result.AsSpan(headerLength, NonceSize);
        var tag = result.AsSpan(headerLength + NonceSize, TagSize);
        var cipherBytes = result.AsSpan(headerLength + NonceSize + TagSize);

        // A random 96-bit nonce per value; the collision risk stays negligible far beyond the number of
        // fields this CRM will ever write under one key, and rotation resets the count anyway.
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(ring.ActiveKey, TagSize);
        aes.Encrypt(nonce, plainBytes, cipherBytes, tag, AssociatedData(result.AsSpan(0, headerLength), context));
        return result;
    }

    /// <summary>Opens a value sealed by <see cref="Seal"/> with the same <paramref name="context"/>; the caller owns (and should zero) the result.</summary>
    internal static byte[] Open(KeyRing keys, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context)
    {
        var keyId = ReadKeyId(ciphertext);
        if (!keys.TryGetKey(keyId, out var key))
        {
            // The key id is a label, not a secret, and naming it tells the operator which key to restore.
            throw new CryptographicException($"The value was encrypted with key id '{keyId}', which is not configured under Encryption:Keys.");
        }

        var headerLength = 2 + keyId.Length;
        var nonce = ciphertext.Slice(headerLength, NonceSize);
        var tag = ciphertext.Slice(headerLength + NonceSize, TagSize);
        var cipherBytes = ciphertext[(headerLength + NonceSize + TagSize)..];

        var plainBytes = new byte[cipherBytes.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(nonce, cipherBytes, tag, plainBytes, AssociatedData(ciphertext[..headerLength], context));
            return plainBytes;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(plainBytes);
            throw;
        }
    }

    private static ReadOnlySpan<byte> AssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> context)
    {
        if (context.IsEmpty)
        {
            return header;
        }

        var data = new byte[header.Length + context.Length];
        header.CopyTo(data);
        context.CopyTo(data.AsSpan(header.Length));
        return data;
    }

    public string KeyIdOf(byte[] ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return ReadKeyId(ciphertext);
    }

    // Every structural problem is reported as CryptographicException so callers can treat "cannot decrypt"
    // as one failure, whichever byte was damaged.
    internal static string ReadKeyId(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < 2)
        {
            throw new CryptographicException("The encrypted value is too short to be valid.");
        }

        if (ciphertext[0] != FormatVersion)
        {
            throw new CryptographicException($"The encrypted value has unsupported format version {ciphertext[0]}.");
        }

        int keyIdLength = ciphertext[1];
        if (keyIdLength is 0 or > KeyRing.MaxKeyIdLength)
        {
            throw new CryptographicException("The encrypted value has an invalid key id length.");
        }

        if (ciphertext.Length < 2 + keyIdLength + NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted value is too short to be valid.");
        }

        var keyIdBytes = ciphertext.Slice(2, keyIdLength);
        foreach (var b in keyIdBytes)
        {
            if (b > 0x7F || !KeyRing.IsValidKeyIdChar((char)b))
            {
                throw new CryptographicException("The encrypted value has an invalid key id.");
            }
        }

        return Encoding.ASCII.GetString(keyIdBytes);
    }
}
