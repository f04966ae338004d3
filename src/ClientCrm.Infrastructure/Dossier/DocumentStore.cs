using System.Security.Cryptography;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Dossier;

/// <summary>
/// Stores and reads the files of dossier documents as encrypted chunks (<see cref="ClientDocumentChunk"/>), one chunk of
/// <see cref="ClientDocumentFile.ChunkSize"/> bytes at a time in each direction, so a 20 MB file never sits whole in memory.
/// It checks no rights: the pages call it after the document was found through the scope or the dossier right.
/// </summary>
public sealed class DocumentStore(CrmDbContext db, AesGcmChunkCipher cipher)
{
    /// <summary>
    /// Reads a file once, without keeping it: its type by its first bytes, its length and SHA-256. What the domain's checks
    /// (<see cref="ClientDocument.CheckFiles"/>) need before anything is stored.
    /// </summary>
    public static async Task<UploadedFileFacts> InspectAsync(string? fileName, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[ClientDocumentFile.ChunkSize];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        FileContentKind? kind = null;
        int read;
        while ((read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct)) > 0)
        {
            if (length == 0)
            {
                kind = FileContent.Detect(buffer.AsSpan(0, read));
            }

            sha.AppendData(buffer, 0, read);
            length += read;
        }

        return new UploadedFileFacts(fileName, length, kind, sha.GetHashAndReset());
    }

    /// <summary>
    /// Seals and inserts the chunks of <paramref name="file"/> from <paramref name="content"/> (the same bytes inspected). Call
    /// inside the transaction that adds the document, so a failure leaves nothing behind.
    /// </summary>
    public async Task WriteAsync(ClientDocumentFile file, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[ClientDocumentFile.ChunkSize];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long written = 0;
        try
        {
            for (var index = 0; index < file.ChunkCount; index++)
            {
                var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
                var plain = buffer.AsSpan(0, read);
                sha.AppendData(plain);
                written += read;
                var chunk = new ClientDocumentChunk
                {
                    FileId = file.Id, Index = index,
                    Ciphertext = cipher.Seal(file.Id, index, index == file.ChunkCount - 1, plain),
                };
                chunk.KeyId = AesGcmChunkCipher.KeyIdOf(chunk.Ciphertext);
                db.ClientDocumentChunks.Add(chunk);
                await db.SaveChangesAsync(ct);
                // Only the current chunk is held: the saved one leaves the change tracker.
                db.Entry(chunk).State = EntityState.Detached;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        if (written != file.Size || !CryptographicOperations.FixedTimeEquals(sha.GetHashAndReset(), file.Sha256))
        {
            throw new InvalidOperationException("The file changed between its check and its storage.");
        }
    }

    /// <summary>
    /// Opens the file's chunks in order into <paramref name="output"/>, one query and one chunk in memory at a time. A missing,
    /// swapped or damaged chunk throws <see cref="CryptographicException"/> (the response is cut off rather than completed wrong).
    /// </summary>
    public async Task CopyToAsync(ClientDocumentFile file, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(output);
        for (var index = 0; index < file.ChunkCount; index++)
        {
            var i = index;
            var sealedChunk = await db.ClientDocumentChunks.AsNoTracking()
                    .Where(c => c.FileId == file.Id && c.Index == i).Select(c => c.Ciphertext).SingleOrDefaultAsync(ct)
                ?? throw new CryptographicException($"Chunk {i} of file {file.Id} is missing.");
            var plain = cipher.Open(file.Id, i, i == file.ChunkCount - 1, sealedChunk);
            try
            {
                await output.WriteAsync(plain, ct);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
    }
}
