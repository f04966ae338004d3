using ClientCrm.Infrastructure.Persistence;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// One kind of encrypted data (the clients' fields, principals, archived cards, document chunks …) that a key rotation
/// re-encrypts under the active key. Register each with <c>services.AddReencryptionSource&lt;T&gt;()</c>; the rotation job
/// (KeyRotationRunner) asks every registered source in turn.
/// <para>
/// A source keeps no state of its own between calls: "what is left" is read from the data (the key id in each ciphertext,
/// <see cref="CiphertextKeyId"/>), so a rotation cut off anywhere resumes by asking again, and a value written meanwhile by
/// an instance still on the old key is simply picked up by a later batch.
/// </para>
/// </summary>
public interface IReencryptionSource
{
    /// <summary>
    /// Stable name: the progress row of this source and the page's resource key <c>Keys.Source.{Name}</c>
    /// (e.g. "clients", "document-chunks"). Never renamed once rotations have run.
    /// </summary>
    string Name { get; }

    /// <summary>
    /// How many items (rows) still hold at least one value that is not encrypted under <paramref name="activeKeyId"/>.
    /// May scan the table: it is called once when a rotation starts and once when it ends, never per page view.
    /// </summary>
    Task<long> CountRemainingAsync(CrmDbContext db, string activeKeyId, CancellationToken ct);

    /// <summary>
    /// Re-encrypts up to <paramref name="batchSize"/> items that still hold a value not under <paramref name="activeKeyId"/>
    /// (decrypt with whichever key the value names, encrypt with the active key, write back the same plaintext) and returns
    /// how many it re-encrypted; 0 means none is left. The caller has opened a transaction on <paramref name="db"/> and
    /// holds the rotation lock; lock the rows you rewrite (<c>FOR UPDATE</c>) so a concurrent edit is never overwritten
    /// with an older value. Never log plaintext or key material.
    /// </summary>
    Task<int> ReencryptBatchAsync(CrmDbContext db, string activeKeyId, int batchSize, CancellationToken ct);
}
