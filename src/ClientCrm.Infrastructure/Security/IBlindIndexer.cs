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
}
