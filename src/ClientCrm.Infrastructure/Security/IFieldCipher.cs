namespace ClientCrm.Infrastructure.Security;

/// <summary>Encrypts confidential text fields for storage.</summary>
public interface IFieldCipher
{
    byte[] Encrypt(string plaintext);

    /// <exception cref="System.Security.Cryptography.CryptographicException">
    /// The ciphertext is malformed, was tampered with, or names a key that is not configured.
    /// </exception>
    string Decrypt(byte[] ciphertext);

    /// <summary>
    /// The id of the key a ciphertext was written with, so a re-encryption job can find rows still on a
    /// retired key without decrypting them.
    /// </summary>
    string KeyIdOf(byte[] ciphertext);
}
