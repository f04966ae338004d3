namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// Computes deterministic keyed hashes of searchable confidential values, so exact-match lookups work
/// on encrypted columns without decrypting every row.
/// </summary>
public interface IBlindIndexer
{
    /// <summary>HMAC-SHA256 (32 bytes) over the kind and the normalized value.</summary>
    /// <exception cref="ArgumentException">The value is empty once normalized.</exception>
    byte[] Compute(BlindIndexKind kind, string value);

    /// <summary>
    /// What a search compares with: the index under the current key, and while a blind-index rotation re-indexes, the
    /// index under the previous key as well (a row not yet re-indexed still holds that one).
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty once normalized.</exception>
    IReadOnlyList<byte[]> ComputeAll(BlindIndexKind kind, string value);
}
