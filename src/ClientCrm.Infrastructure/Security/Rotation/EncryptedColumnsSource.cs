using System.Data.Common;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// The encrypted columns (<c>IsConfidential()</c>) of one entity's table, re-encrypted as
/// raw ciphertext: each value is decrypted and encrypted again under the active key, without loading the entity, so no
/// audit entry, domain event, stamp or concurrency token changes — the plaintext is the same. The columns come from the
/// model, so a property marked confidential later is rotated without touching this class (a test checks every entity
/// with encrypted columns has a source).
/// </summary>
public sealed class EncryptedColumnsSource(string name, Type entityType, IFieldCipher cipher) : IReencryptionSource
{
    public string Name { get; } = name;

    public Type EntityType { get; } = entityType;

    public async Task<long> CountRemainingAsync(CrmDbContext db, string activeKeyId, CancellationToken ct)
    {
        var table = TableOf(db);
        await using var command = await CommandAsync(db, activeKeyId, ct);
        command.CommandText = $"SELECT count(*) FROM {table.Name} WHERE {table.AnyNotUnder}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> ReencryptBatchAsync(CrmDbContext db, string activeKeyId, int batchSize, CancellationToken ct)
    {
        var table = TableOf(db);
        var rows = new List<(object[] Key, byte[]?[] Values)>();
        await using (var select = await CommandAsync(db, activeKeyId, ct))
        {
            // Locked so an edit saved meanwhile waits for this batch (and then writes its own new ciphertext), never the
            // other way round; SKIP LOCKED lets the batch pass over a row a user holds and come back to it later.
            select.CommandText = $"SELECT {string.Join(", ", table.Keys)}, {string.Join(", ", table.Columns)} FROM {table.Name} " +
                                 $"WHERE {table.AnyNotUnder} LIMIT {batchSize} FOR UPDATE SKIP LOCKED";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = new object[table.Keys.Count];
                for (var i = 0; i < key.Length; i++)
                {
                    key[i] = reader.GetValue(i);
                }

                var values = new byte[]?[table.Columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    var ordinal = key.Length + i;
                    values[i] = reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);
                }

                rows.Add((key, values));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var (key, values) in rows)
        {
            var update = new NpgsqlBatchCommand(
                $"UPDATE {table.Name} SET {string.Join(", ", table.Columns.Select((c, i) => $"{c} = ${i + 1}"))} " +
                $"WHERE {string.Join(" AND ", table.Keys.Select((k, i) => $"{k} = ${table.Columns.Count + i + 1}"))}");
            foreach (var value in values)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = value is null ? DBNull.Value : Reencrypt(value, activeKeyId) });
            }

            foreach (var part in key)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = part });
            }

            batch.BatchCommands.Add(update);
        }

        await batch.ExecuteNonQueryAsync(ct);
        return rows.Count;
    }

    private byte[] Reencrypt(byte[] value, string activeKeyId) =>
        cipher.KeyIdOf(value) == activeKeyId ? value : cipher.Encrypt(cipher.Decrypt(value));

    private static async Task<DbCommand> CommandAsync(CrmDbContext db, string activeKeyId, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.Parameters.Add(new NpgsqlParameter("header", CiphertextKeyId.HeaderOf(activeKeyId)));
        return command;
    }

    private TableShape TableOf(CrmDbContext db)
    {
        var entity = db.Model.FindEntityType(EntityType)
            ?? throw new InvalidOperationException($"{EntityType.Name} is not part of the model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var columns = entity.GetProperties().Where(p => p.IsEncrypted()).Select(p => Quote(p.GetColumnName(store)!)).ToList();
        var keys = entity.FindPrimaryKey()!.Properties.Select(p => Quote(p.GetColumnName(store)!)).ToList();
        var name = (entity.GetSchema() is { } schema ? Quote(schema) + "." : "") + Quote(entity.GetTableName()!);
        return new TableShape(name, keys, columns, string.Join(" OR ", columns.Select(c => CiphertextKeyId.NotUnder(c, "@header"))));
    }

    private sealed record TableShape(string Name, IReadOnlyList<string> Keys, IReadOnlyList<string> Columns, string AnyNotUnder);
}
