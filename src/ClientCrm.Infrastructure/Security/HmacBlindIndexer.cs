using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// HMAC-SHA256 blind index. The HMAC input is <c>"{(int)kind}:{normalized value}"</c> in UTF-8; the kind
/// is included so the same string indexed as a phone and as a tax number cannot be correlated.
/// </summary>
public sealed class HmacBlindIndexer(KeyRing keys) : IBlindIndexer
{
    private readonly KeyRing _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <summary>The canonical form a value is indexed under; see <see cref="BlindIndexNormalizer"/>.</summary>
    public static string Normalize(BlindIndexKind kind, string value) => BlindIndexNormalizer.Normalize(kind, value);

    public byte[] Compute(BlindIndexKind kind, string value) => Compute(_keys.BlindIndexKey, kind, value);

    public IReadOnlyList<byte[]> ComputeAll(BlindIndexKind kind, string value)
    {
        var ring = _keys.Current;
        return ring.PreviousBlindIndexKey is { } previous
            ? [Compute(ring.BlindIndexKey, kind, value), Compute(previous, kind, value)]
            : [Compute(ring.BlindIndexKey, kind, value)];
    }

    private static byte[] Compute(byte[] key, BlindIndexKind kind, string value)
    {
        var normalized = BlindIndexNormalizer.Normalize(kind, value);
        if (normalized.Length == 0)
        {
            // An empty index would make every blank value match every other blank value.
            throw new ArgumentException($"The {kind} value is empty after normalization and cannot be indexed.", nameof(value));
        }

        var input = Encoding.UTF8.GetBytes(((int)kind).ToString(CultureInfo.InvariantCulture) + ":" + normalized);
        try
        {
            return HMACSHA256.HashData(key, input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
