using System.Security.Cryptography;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Infrastructure.Security.Rotation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClientCrm.Infrastructure.Dossier;

/// <summary>
/// The dossier files' chunks for a key rotation: each chunk not under the active key (its <see cref="ClientDocumentChunk.KeyId"/>,
/// written from the ciphertext's own header) is opened with its file id, index and last-chunk flag and sealed again under the
/// active key, in small batches (a chunk is up to half a MiB), locked so nothing else rewrites it meanwhile. Downloads keep
/// working throughout: every chunk names its key, and the ring holds the old keys until the rotation ends.
/// </summary>
public sealed class DocumentChunksSource(AesGcmChunkCipher cipher) : IReencryptionSource
{
    /// <summary>Chunks per batch at most, whatever the runner asks: a batch holds its chunks in memory twice.</summary>
    public const int MaxChunksPerBatch = 16;

    public string Name => "document-chunks";

    public Task<long> CountRemainingAsync(CrmDbContext db, string activeKeyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ClientDocumentChunks.LongCountAsync(c => c.KeyId != activeKeyId, ct);
    }

    public async Task<int> ReencryptBatchAsync(CrmDbContext db, string activeKeyId, int batchSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var chunks = new List<(Guid FileId, int Index, byte[] Sealed, int Count)>();
        await using (var select = new NpgsqlCommand("""
                         SELECT c."FileId", c."Index", c."Ciphertext", f."ChunkCount"
                         FROM "ClientDocumentChunks" c JOIN "ClientDocumentFiles" f ON f."Id" = c."FileId"
                         WHERE c."KeyId" <> @active
                         LIMIT @limit
                         FOR UPDATE OF c SKIP LOCKED
                         """, connection, transaction))
        {
            select.Parameters.AddWithValue("active", activeKeyId);
            select.Parameters.AddWithValue("limit", Math.Clamp(batchSize, 1, MaxChunksPerBatch));
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                chunks.Add((reader.GetGuid(0), reader.GetInt32(1), (byte[])reader[2], reader.GetInt32(3)));
            }
        }

        foreach (var (fileId, index, sealedChunk, count) in chunks)
        {
            var last = index == count - 1;
            var plain = cipher.Open(fileId, index, last, sealedChunk);
            byte[] resealed;
            try
            {
                resealed = cipher.Seal(fileId, index, last, plain);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }

            await using var update = new NpgsqlCommand("""
                UPDATE "ClientDocumentChunks" SET "Ciphertext" = @sealed, "KeyId" = @key WHERE "FileId" = @file AND "Index" = @index
                """, connection, transaction);
            update.Parameters.AddWithValue("sealed", resealed);
            update.Parameters.AddWithValue("key", AesGcmChunkCipher.KeyIdOf(resealed));
            update.Parameters.AddWithValue("file", fileId);
            update.Parameters.AddWithValue("index", index);
            await update.ExecuteNonQueryAsync(ct);
        }

        return chunks.Count;
    }
}
