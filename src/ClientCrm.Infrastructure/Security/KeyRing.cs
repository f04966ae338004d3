using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// Validated key material for field encryption and blind indexing. Build it once at startup so a
/// misconfiguration stops the application before any data is written with the wrong key.
/// </summary>
public sealed class KeyRing
{
    public const int KeySizeInBytes = 32;
    public const int MaxKeyIdLength = 32;

    private const string ActiveKeyIdSetting = EncryptionOptions.SectionName + ":" + nameof(EncryptionOptions.ActiveKeyId);
    private const string KeysSetting = EncryptionOptions.SectionName + ":" + nameof(EncryptionOptions.Keys);
    private const string BlindIndexKeySetting = EncryptionOptions.SectionName + ":" + nameof(EncryptionOptions.BlindIndexKey);
    private const string PreviousBlindIndexKeySetting = EncryptionOptions.SectionName + ":" + nameof(EncryptionOptions.PreviousBlindIndexKey);
    private const string KeyFileSetting = EncryptionOptions.SectionName + ":" + nameof(EncryptionOptions.KeyFile);
    private const string KeyIdRule = "1 to 32 characters from A-Z, a-z, 0-9, '_' and '-'";

    private static readonly JsonSerializerOptions KeyFileJson = new() { WriteIndented = true };

    private readonly EncryptionOptions? _source;
    private volatile Snapshot _current;

    private KeyRing(Snapshot snapshot, EncryptionOptions? source)
    {
        _current = snapshot;
        _source = source;
    }

    /// <summary>
    /// One consistent state of the ring. Swapped whole by <see cref="Reload"/>, so a reader that takes it once never
    /// pairs one key id with another key's bytes.
    /// </summary>
    internal sealed record Snapshot(string ActiveKeyId, FrozenDictionary<string, byte[]> Keys, byte[] BlindIndexKey, byte[]? PreviousBlindIndexKey)
    {
        public byte[] ActiveKey => Keys[ActiveKeyId];
    }

    internal Snapshot Current => _current;

    public string ActiveKeyId => _current.ActiveKeyId;

    /// <summary>Every configured key id, for diagnostics and re-encryption jobs; never the key bytes.</summary>
    public IReadOnlyCollection<string> KeyIds => _current.Keys.Keys;

    /// <summary>
    /// A short label of the blind-index key (the first bytes of its SHA-256), so the page and the rotation records can
    /// tell one blind-index key from the next without showing it.
    /// </summary>
    public string BlindIndexKeyId => Fingerprint(_current.BlindIndexKey);

    /// <summary>True while a blind-index rotation runs: searches then match the old key's index as well.</summary>
    public bool HasPreviousBlindIndexKey => _current.PreviousBlindIndexKey is not null;

    /// <summary>
    /// The key file this ring reads (full path), or null when every key comes from configuration.
    /// </summary>
    public string? KeyFile => _source?.KeyFile;

    /// <summary>
    /// Whether the app can rotate by itself: the active key id and the blind-index key come from the key file, which the
    /// app rewrites. When configuration (environment variables) sets them, the file cannot override them and the operator
    /// rotates by editing configuration and restarting (docs/operations.md, "Key rotation").
    /// </summary>
    public bool CanRotate => _source is { KeyFile: not null } s && string.IsNullOrWhiteSpace(s.ActiveKeyId) && string.IsNullOrWhiteSpace(s.BlindIndexKey);

    /// <summary>
    /// Whether configuration (not the key file) supplies <paramref name="keyId"/>: removing it from the file would not
    /// remove it from the ring, so only the operator can retire it (from configuration, then a restart).
    /// </summary>
    public bool IsConfigured(string keyId) => _source?.Keys.ContainsKey(keyId) == true;

    internal byte[] ActiveKey => _current.ActiveKey;

    internal byte[] BlindIndexKey => _current.BlindIndexKey;

    internal bool TryGetKey(string keyId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? key)
        => _current.Keys.TryGetValue(keyId, out key);

    /// <summary>
    /// Reads the options and the key file again and swaps in the new state; the old state stays in use if they are not
    /// valid (the exception says why, never with key material). Every instance calls this when the key file changes
    /// (<see cref="Rotation.KeyFileWatcher"/>), and the instance that rewrote the file calls it at once.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Reload()
    {
        if (_source is null)
        {
            return false;
        }

        var next = Build(_source);
        var previous = _current;
        if (next.ActiveKeyId == previous.ActiveKeyId && next.Keys.Count == previous.Keys.Count
            && next.Keys.All(k => previous.Keys.TryGetValue(k.Key, out var old) && CryptographicOperations.FixedTimeEquals(old, k.Value))
            && CryptographicOperations.FixedTimeEquals(next.BlindIndexKey, previous.BlindIndexKey)
            && (next.PreviousBlindIndexKey is null) == (previous.PreviousBlindIndexKey is null))
        {
            return false;
        }

        _current = next;
        return true;
    }

    internal static string Fingerprint(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));

    /// <summary>
    /// Validates the options (after merging <see cref="EncryptionOptions.KeyFile"/>) and builds the ring.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A setting is missing or malformed. The message names the setting but never contains key material,
    /// because startup exceptions end up in logs and crash reports.
    /// </exception>
    public static KeyRing FromOptions(EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = new EncryptionOptions
        {
            ActiveKeyId = options.ActiveKeyId,
            Keys = new Dictionary<string, string>(options.Keys ?? [], StringComparer.Ordinal),
            BlindIndexKey = options.BlindIndexKey,
            KeyFile = string.IsNullOrWhiteSpace(options.KeyFile) ? null : Path.GetFullPath(options.KeyFile),
        };
        return new KeyRing(Build(source), source);
    }

    private static Snapshot Build(EncryptionOptions options)
    {
        var merged = MergeKeyFile(options);

        var activeKeyId = merged.ActiveKeyId?.Trim();
        if (string.IsNullOrEmpty(activeKeyId))
        {
            throw new InvalidOperationException($"{ActiveKeyIdSetting} is not set; it must name one of the entries under {KeysSetting}.");
        }

        // The value is not echoed when malformed: someone may have pasted a key into the wrong setting.
        if (!IsValidKeyId(activeKeyId))
        {
            throw new InvalidOperationException($"{ActiveKeyIdSetting} must be {KeyIdRule}.");
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (keyId, encoded) in merged.Keys)
        {
            if (!IsValidKeyId(keyId))
            {
                throw new InvalidOperationException($"{KeysSetting} contains a key id that is not {KeyIdRule}.");
            }

            keys[keyId] = DecodeKey(encoded, $"{KeysSetting}:{keyId}");
        }

        if (!keys.ContainsKey(activeKeyId))
        {
            throw new InvalidOperationException($"{ActiveKeyIdSetting} is '{activeKeyId}' but {KeysSetting}:{activeKeyId} is not configured.");
        }

        if (string.IsNullOrWhiteSpace(merged.BlindIndexKey))
        {
            throw new InvalidOperationException($"{BlindIndexKeySetting} is not set; it must be base64 of {KeySizeInBytes} random bytes.");
        }

        var blindIndexKey = DecodeKey(merged.BlindIndexKey, BlindIndexKeySetting);
        var previousBlindIndexKey = string.IsNullOrWhiteSpace(merged.PreviousBlindIndexKey)
            ? null
            : DecodeKey(merged.PreviousBlindIndexKey, PreviousBlindIndexKeySetting);

        // Reusing an encryption key for HMAC would tie the blind index to encryption key rotation and mix
        // two uses of one secret.
        foreach (var key in keys.Values)
        {
            if (CryptographicOperations.FixedTimeEquals(key, blindIndexKey))
            {
                throw new InvalidOperationException($"{BlindIndexKeySetting} must be different from every key under {KeysSetting}.");
            }
        }

        return new Snapshot(activeKeyId, keys.ToFrozenDictionary(StringComparer.Ordinal), blindIndexKey, previousBlindIndexKey);
    }

    /// <summary>
    /// Returns the development keys stored at <paramref name="path"/>, generating them on first run so a
    /// fresh checkout works without any secret being committed. The path should be in a git-ignored folder.
    /// </summary>
    public static EncryptionOptions CreateDevelopmentKeyFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            return ReadKeyFile(fullPath, KeyFileSetting);
        }

        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var content = new KeyFileContent
        {
            ActiveKeyId = "dev-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySizeInBytes)),
        };
        content.Keys[content.ActiveKeyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySizeInBytes));

        // Written to a private temp file and then moved without overwrite, so two processes starting at
        // once never see a half-written file and the first one to finish wins for both.
        var tempPath = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Set at creation rather than afterwards so the keys are never readable by others, even briefly.
                streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(tempPath, streamOptions))
            {
                JsonSerializer.Serialize(stream, content, KeyFileJson);
            }

            File.Move(tempPath, fullPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            // Another process created the file first; its keys are the ones to use.
        }
        finally
        {
            File.Delete(tempPath);
        }

        return ReadKeyFile(fullPath, KeyFileSetting);
    }

    internal static bool IsValidKeyId(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId) || keyId.Length > MaxKeyIdLength)
        {
            return false;
        }

        foreach (var c in keyId)
        {
            if (!IsValidKeyIdChar(c))
            {
                return false;
            }
        }

        return true;
    }

    // Restricted to ASCII so a key id always fits the ciphertext header as one byte per character.
    internal static bool IsValidKeyIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static EncryptionOptions MergeKeyFile(EncryptionOptions options)
    {
        // A copy, so the caller's bound options are not mutated with values from disk.
        var merged = new EncryptionOptions
        {
            ActiveKeyId = options.ActiveKeyId,
            Keys = new Dictionary<string, string>(options.Keys ?? [], StringComparer.Ordinal),
            BlindIndexKey = options.BlindIndexKey,
            PreviousBlindIndexKey = options.PreviousBlindIndexKey,
        };

        if (string.IsNullOrWhiteSpace(options.KeyFile))
        {
            return merged;
        }

        var fullPath = Path.GetFullPath(options.KeyFile);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"{KeyFileSetting} points to '{fullPath}', which does not exist.");
        }

        var fromFile = ReadKeyFile(fullPath, KeyFileSetting);
        if (string.IsNullOrWhiteSpace(merged.ActiveKeyId))
        {
            merged.ActiveKeyId = fromFile.ActiveKeyId;
        }

        if (string.IsNullOrWhiteSpace(merged.BlindIndexKey))
        {
            merged.BlindIndexKey = fromFile.BlindIndexKey;
            merged.PreviousBlindIndexKey ??= fromFile.PreviousBlindIndexKey;
        }

        foreach (var (keyId, encoded) in fromFile.Keys)
        {
            merged.Keys.TryAdd(keyId, encoded);
        }

        return merged;
    }

    internal static EncryptionOptions ReadKeyFile(string fullPath, string setting = KeyFileSetting)
    {
        KeyFileContent? content;
        try
        {
            using var stream = File.OpenRead(fullPath);
            content = JsonSerializer.Deserialize<KeyFileContent>(stream);
        }
        catch (JsonException ex)
        {
            // The inner exception is dropped on purpose: JSON parser messages can quote the offending text,
            // which here may be key material. The position is enough to find the problem.
            throw new InvalidOperationException(
                $"The key file '{fullPath}' ({setting}) is not valid JSON near line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}.");
        }

        if (content is null)
        {
            throw new InvalidOperationException($"The key file '{fullPath}' ({setting}) is empty.");
        }

        return new EncryptionOptions
        {
            ActiveKeyId = content.ActiveKeyId,
            Keys = new Dictionary<string, string>(content.Keys ?? [], StringComparer.Ordinal),
            BlindIndexKey = content.BlindIndexKey,
            PreviousBlindIndexKey = content.PreviousBlindIndexKey,
        };
    }

    private static byte[] DecodeKey(string? encoded, string setting)
    {
        // One spare byte beyond the expected size lets an over-long key be told apart from a correct one.
        Span<byte> buffer = stackalloc byte[KeySizeInBytes + 1];
        try
        {
            if (string.IsNullOrWhiteSpace(encoded)
                || !Convert.TryFromBase64String(encoded.Trim(), buffer, out var written)
                || written != KeySizeInBytes)
            {
                throw new InvalidOperationException($"{setting} must be base64 of exactly {KeySizeInBytes} random bytes.");
            }

            return buffer[..KeySizeInBytes].ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>On-disk shape of a key file; kept apart from the options so a file cannot redirect to another file.</summary>
    internal sealed class KeyFileContent
    {
        public string? ActiveKeyId { get; set; }

        public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

        public string? BlindIndexKey { get; set; }

        /// <summary>The blind-index key being replaced, kept until re-indexing ends (searches match both meanwhile).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? PreviousBlindIndexKey { get; set; }
    }
}
