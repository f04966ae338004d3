using System.Diagnostics;
using Npgsql;
using static System.FormattableString;

namespace ClientCrm.Benchmarks;

/// <summary>
/// The plain secondary indexes of the freshly migrated database, dropped before the bulk load and built again after
/// it from their own definitions (<c>pg_get_indexdef</c>), so the result is the migration's schema. COPY into tables
/// that already carry every page index (the trigram GIN indexes among them) took 491 s for a million clients, against
/// 20 s for a hundred thousand. Primary keys, unique indexes and indexes behind constraints stay in place.
/// </summary>
public sealed class DeferredIndexes
{
    private readonly IReadOnlyList<(string Name, string Definition)> _indexes;

    private DeferredIndexes(IReadOnlyList<(string Name, string Definition)> indexes) => _indexes = indexes;

    public int Count => _indexes.Count;

    public static async Task<DeferredIndexes> DropAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var indexes = new List<(string, string)>();
        await using (var find = new NpgsqlCommand("""
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT x.indisprimary AND NOT x.indisunique
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname
            """, connection))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }

        return new DeferredIndexes(indexes);
    }

    public async Task RecreateAsync(NpgsqlConnection connection, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(log);
        var step = Stopwatch.StartNew();
        await using (var memory = new NpgsqlCommand("SET maintenance_work_mem = '512MB'", connection))
        {
            await memory.ExecuteNonQueryAsync(ct);
        }

        foreach (var (_, definition) in _indexes)
        {
            await using var create = new NpgsqlCommand(definition, connection) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var reset = new NpgsqlCommand("RESET maintenance_work_mem", connection))
        {
            await reset.ExecuteNonQueryAsync(ct);
        }

        log.WriteLine(Invariant($"  indexes   {_indexes.Count,10:N0} built after the load in {step.Elapsed.TotalSeconds,5:0.0} s"));
    }
}
