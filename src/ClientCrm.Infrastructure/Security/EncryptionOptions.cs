namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// Key configuration for field encryption, bound from the "Encryption" configuration section
/// (appsettings, environment variables such as <c>Encryption__Keys__k2</c>, or a key file).
/// Keys never live in the database, so a database dump alone does not reveal confidential fields.
/// </summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    /// <summary>Id of the key that new ciphertexts are written with.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// Key id to base64 of 32 random bytes. Retired ids stay listed so older ciphertexts remain readable
    /// until they have been re-encrypted under the active key.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Base64 of 32 bytes for the HMAC blind index. Kept apart from the encryption keys because blind
    /// indexes cannot be rotated without recomputing every stored index.
    /// </summary>
    public string? BlindIndexKey { get; set; }

    /// <summary>
    /// Base64 of the blind-index key being replaced while a blind-index rotation re-indexes (searches match its index as
    /// well); removed when re-indexing ends.
    /// </summary>
    public string? PreviousBlindIndexKey { get; set; }

    /// <summary>
    /// Optional path to a JSON file shaped like this section. Its values only fill in what configuration
    /// lacks, so an environment variable can always override a file on disk.
    /// </summary>
    public string? KeyFile { get; set; }
}
