namespace ClientCrm.Infrastructure.Dossier;

/// <summary>
/// One sealed chunk of a dossier file (<see cref="Security.AesGcmChunkCipher"/>), stored in PostgreSQL beside its rows so a
/// database backup holds the files too and every app instance reads the same ones (docs/architecture.md). Not a client
/// record: it is read only by file id, after <see cref="DocumentStore"/>'s caller has checked the right to the document.
/// </summary>
public sealed class ClientDocumentChunk
{
    public Guid FileId { get; set; }
    public int Index { get; set; }

    /// <summary>The key the chunk is sealed with (also inside <see cref="Ciphertext"/>, authenticated): re-encryption finds old ones by it.</summary>
    public string KeyId { get; set; } = "";

    public byte[] Ciphertext { get; set; } = [];
}
