using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClientCrm.Infrastructure.Security.Rotation;

/// <summary>
/// The blind-index columns of one table (<c>HasBlindIndex</c>), recomputed under the
/// current blind-index key in id order. A blind index carries no key id, so unlike re-encryption what is done is kept as
/// a keyset cursor in the rotation's step; rows saved meanwhile get the new key's index from the interceptor anyway.
/// Found from the model, so a blind index added later is re-indexed without touching this class.
/// </summary>
public sealed class BlindIndexTable
{
    private readonly string _table;
    private readonly string _key;
    private readonly IReadOnlyList<(string Source, string Index, BlindIndexKind Kind)> _columns;

    private BlindIndexTable(string name, string table, string key, IReadOnlyList<(string, string, BlindIndexKind)> columns)
    {
        Name = name;
        _table = table;
        _key = key;
        _columns = columns;
    }

    /// <summary>The step's name: "blind-index:{table}".</summary>
    public string Name { get; }

    /// <summary>Every table of the model with a blind index (clients, principals).</summary>
    public static IReadOnlyList<BlindIndexTable> All(IModel model) =>
        model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && !e.IsOwned()
                        && e.GetProperties().Any(p => p.FindAnnotation(ConfidentialProperties.BlindIndexSourceAnnotation) is not null))
            .Select(Of)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static BlindIndexTable Of(IEntityType entity)
    {
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.FindAnnotation(ConfidentialProperties.BlindIndexSourceAnnotation) is not null)
            .Select(p => (Quote(entity.FindProperty((string)p.FindAnnotation(ConfidentialProperties.BlindIndexSourceAnnotation)!.Value!)!.GetColumnName(store)!),
                Quote(p.GetColumnName(store)!),
                (BlindIndexKind)(int)p.FindAnnotation(ConfidentialProperties.BlindIndexKindAnnotation)!.Value!))
            .ToList();
        var key = entity.FindPrimaryKey()!.Properties.Single();
        if (key.ClrType != typeof(Guid))
        {
            throw new NotSupportedException($"Re-indexing needs a Guid key; {entity.DisplayName()} has {key.ClrType.Name}.");
        }

        return new BlindIndexTable("blind-index:" + entity.GetTableName(), Quote(entity.GetTableName()!), Quote(key.GetColumnName(store)!), columns);
    }

    public async Task<long> CountAsync(CrmDbContext db, CancellationToken ct)
    {
        // The table name comes from the model (quoted), never from input, so it is safe to splice in.
        var sql = "SELECT count(*) AS \"Value\" FROM " + _table;
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync(ct);
    }

    /// <summary>
    /// Recomputes the indexes of the next <paramref name="batchSize"/> rows after <paramref name="after"/> (locked, in the
    /// caller's transaction); returns how many and the last id, or (0, null) at the end.
    /// </summary>
    public async Task<(int Count, Guid? Last)> ReindexBatchAsync(CrmDbContext db, Guid? after, int batchSize, IFieldCipher cipher,
        IBlindIndexer indexer, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var rows = new List<(Guid Id, byte[]?[] Sources)>();
        await using (var select = new NpgsqlCommand(
                         $"SELECT {_key}, {string.Join(", ", _columns.Select(c => c.Source))} FROM {_table} " +
                         $"WHERE $1::uuid IS NULL OR {_key} > $1 ORDER BY {_key} LIMIT {batchSize} FOR UPDATE", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = after is { } a ? a : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var sources = new byte[]?[_columns.Count];
                for (var i = 0; i < sources.Length; i++)
                {
                    sources[i] = reader.IsDBNull(i + 1) ? null : (byte[])reader.GetValue(i + 1);
                }

                rows.Add((reader.GetGuid(0), sources));
            }
        }

        if (rows.Count == 0)
        {
            return (0, null);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (id, sources) in rows)
        {
            var update = new NpgsqlBatchCommand(
                $"UPDATE {_table} SET {string.Join(", ", _columns.Select((c, i) => $"{c.Index} = ${i + 1}"))} WHERE {_key} = ${_columns.Count + 1}");
            for (var i = 0; i < _columns.Count; i++)
            {
                update.Parameters.Add(new NpgsqlParameter
                {
                    Value = Persistence.Interceptors.BlindIndexInterceptor.IndexOf(indexer, _columns[i].Kind,
                        sources[i] is { } cipherText ? cipher.Decrypt(cipherText) : null) is { } index ? index : DBNull.Value,
                    NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea,
                });
            }

            update.Parameters.Add(new NpgsqlParameter { Value = id });
            batch.BatchCommands.Add(update);
        }

        await batch.ExecuteNonQueryAsync(ct);
        return (rows.Count, rows[^1].Id);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
