using System.Text;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// SQL that tells, without decrypting, whether a ciphertext column is under a given key: every value written by
/// <see cref="AesGcmFieldCipher"/> starts with <c>[version][key id length][key id]</c>, so the first bytes are compared
/// with that header of the active key. Used by re-encryption sources to find what is left.
/// </summary>
public static class CiphertextKeyId
{
    /// <summary>The first bytes of every ciphertext written under <paramref name="keyId"/>.</summary>
    public static byte[] HeaderOf(string keyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (!KeyRing.IsValidKeyId(keyId))
        {
            throw new ArgumentException("Not a valid key id.", nameof(keyId));
        }

        var header = new byte[2 + keyId.Length];
        header[0] = AesGcmFieldCipher.FormatVersion;
        header[1] = (byte)keyId.Length;
        Encoding.ASCII.GetBytes(keyId, header.AsSpan(2));
        return header;
    }

    /// <summary>
    /// A condition true when <paramref name="quotedColumn"/> holds a value NOT under the key whose header is in the
    /// bytea parameter <paramref name="headerParameter"/> (e.g. <c>@header</c>, bound to <see cref="HeaderOf"/>).
    /// </summary>
    public static string NotUnder(string quotedColumn, string headerParameter) =>
        $"({quotedColumn} IS NOT NULL AND substring({quotedColumn} from 1 for length({headerParameter})) <> {headerParameter})";
}
