using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// Seals the chunks of a stored file with AES-256-GCM in the field cipher's layout (<see cref="AesGcmFieldCipher"/>: key id in the
/// ciphertext, the active key when sealing, any configured key when opening). Each chunk's file id, index and whether it is
/// the last are authenticated as associated data, so chunks cannot be swapped between files, reordered, or cut off at the end
/// without the download failing.
/// </summary>
public sealed class AesGcmChunkCipher(KeyRing keys)
{
    private readonly KeyRing _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    public byte[] Seal(Guid fileId, int index, bool last, ReadOnlySpan<byte> plain) =>
        AesGcmFieldCipher.Seal(_keys, plain, Context(fileId, index, last));

    /// <summary>The chunk's plaintext; the caller should zero it once written out.</summary>
    /// <exception cref="CryptographicException">Wrong key, damaged bytes, or a chunk of another file or position.</exception>
    public byte[] Open(Guid fileId, int index, bool last, byte[] sealedChunk)
    {
        ArgumentNullException.ThrowIfNull(sealedChunk);
        return AesGcmFieldCipher.Open(_keys, sealedChunk, Context(fileId, index, last));
    }

    /// <summary>The key id a chunk was sealed with (for re-encryption), without opening it.</summary>
    public static string KeyIdOf(byte[] sealedChunk)
    {
        ArgumentNullException.ThrowIfNull(sealedChunk);
        return AesGcmFieldCipher.ReadKeyId(sealedChunk);
    }

    private static byte[] Context(Guid fileId, int index, bool last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var context = new byte[16 + 4 + 1];
        fileId.TryWriteBytes(context, bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(context.AsSpan(16), index);
        context[20] = last ? (byte)1 : (byte)0;
        return context;
    }
}
