using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// Writes the key file (<see cref="EncryptionOptions.KeyFile"/>) when the app rotates: a new encryption key added and
/// made active, a new blind-index key with the old one kept as previous, a retired key removed. Each change reads the
/// file, changes it and replaces it atomically (a private temp file in the same folder, then a rename), so another
/// instance reading it meanwhile sees the old file or the new one, never half of one. Keys never go to the database.
/// Callers hold the rotation lock, so two instances never edit the file at once.
/// </summary>
public static class KeyFileEditor
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Adds a fresh random key and makes it active; returns its id (k + UTC time).</summary>
    public static string AddActiveKey(string path, DateTimeOffset now)
    {
        var content = Read(path);
        var id = "k" + now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        for (var n = 2; content.Keys.ContainsKey(id); n++)
        {
            id = "k" + now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        content.Keys[id] = NewKey();
        content.ActiveKeyId = id;
        Write(path, content);
        return id;
    }

    /// <summary>Makes a fresh blind-index key current and keeps the old one as previous until re-indexing ends.</summary>
    public static void RotateBlindIndexKey(string path)
    {
        var content = Read(path);
        if (content.PreviousBlindIndexKey is not null)
        {
            throw new InvalidOperationException("A blind-index rotation is already running: the key file still holds the previous blind-index key.");
        }

        content.PreviousBlindIndexKey = content.BlindIndexKey;
        content.BlindIndexKey = NewKey();
        Write(path, content);
    }

    /// <summary>Drops the previous blind-index key once every index has been recomputed.</summary>
    public static void RetirePreviousBlindIndexKey(string path)
    {
        var content = Read(path);
        content.PreviousBlindIndexKey = null;
        Write(path, content);
    }

    /// <summary>Removes a key that no value uses any more (a leaked or old key, after a completed rotation).</summary>
    public static void RetireKey(string path, string keyId)
    {
        var content = Read(path);
        if (content.ActiveKeyId == keyId)
        {
            throw new InvalidOperationException("The active key cannot be retired.");
        }

        content.Keys.Remove(keyId);
        Write(path, content);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySizeInBytes));

    private static KeyRing.KeyFileContent Read(string path)
    {
        var options = KeyRing.ReadKeyFile(Path.GetFullPath(path));
        return new KeyRing.KeyFileContent
        {
            ActiveKeyId = options.ActiveKeyId,
            Keys = new Dictionary<string, string>(options.Keys, StringComparer.Ordinal),
            BlindIndexKey = options.BlindIndexKey,
            PreviousBlindIndexKey = options.PreviousBlindIndexKey,
        };
    }

    private static void Write(string path, KeyRing.KeyFileContent content)
    {
        var fullPath = Path.GetFullPath(path);
        var tempPath = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(tempPath, streamOptions))
            {
                JsonSerializer.Serialize(stream, content, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }
}
