using System.Security.Cryptography;
using ClientCrm.Infrastructure.Security;

namespace ClientCrm.IntegrationTests.Security;

internal static class TestKeys
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRing.KeySizeInBytes));

    public static EncryptionOptions Options(string activeKeyId, params (string Id, string Key)[] keys)
    {
        var options = new EncryptionOptions { ActiveKeyId = activeKeyId, BlindIndexKey = NewKey() };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return options;
    }

    public static KeyRing Ring(string activeKeyId = "k1") => KeyRing.FromOptions(Options(activeKeyId, (activeKeyId, NewKey())));
}
