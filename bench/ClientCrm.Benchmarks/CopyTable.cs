using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Benchmarks;

/// <summary>
/// A binary COPY into one table described as a list of columns, each with its PostgreSQL type and how to get its value
/// from a generated row. The COPY statement is built from the same list the rows are written with, so adding a column
/// to the generated data is one more <see cref="Column{T}(string, NpgsqlDbType, Func{TRow, T})"/> line (and a field in
/// the row record): nothing else to keep in step. A null value writes NULL.
/// </summary>
/// <typeparam name="TRow">What the generator makes for one row.</typeparam>
public sealed class CopyTable<TRow>(string table)
{
    private readonly List<(string Name, Func<NpgsqlBinaryImporter, TRow, CancellationToken, Task> Write)> _columns = [];

    public string Table { get; } = table;

    public IReadOnlyList<string> Columns => _columns.Select(c => c.Name).ToList();

    /// <summary>A column of a reference type or a non-nullable value type.</summary>
    public CopyTable<TRow> Column<T>(string name, NpgsqlDbType type, Func<TRow, T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _columns.Add((name, async (writer, row, ct) =>
        {
            var v = value(row);
            if (v is null)
            {
                await writer.WriteNullAsync(ct);
            }
            else
            {
                await writer.WriteAsync(v, type, ct);
            }
        }));
        return this;
    }

    /// <summary>A column of a nullable value type (a date that may be missing, an optional number).</summary>
    public CopyTable<TRow> Column<T>(string name, NpgsqlDbType type, Func<TRow, T?> value) where T : struct
    {
        ArgumentNullException.ThrowIfNull(value);
        _columns.Add((name, async (writer, row, ct) =>
        {
            if (value(row) is { } v)
            {
                await writer.WriteAsync(v, type, ct);
            }
            else
            {
                await writer.WriteNullAsync(ct);
            }
        }));
        return this;
    }

    public string CopyCommand => string.Create(CultureInfo.InvariantCulture,
        $"""COPY "{Table}" ({string.Join(", ", _columns.Select(c => "\"" + c.Name + "\""))}) FROM STDIN (FORMAT BINARY)""");

    /// <summary>Writes every row (consumed lazily, so a million rows need not be held at once); returns how many.</summary>
    public async Task<long> WriteAsync(NpgsqlConnection connection, IEnumerable<TRow> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        long count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(CopyCommand, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var (_, write) in _columns)
            {
                await write(writer, row, ct);
            }

            count++;
        }

        await writer.CompleteAsync(ct);
        return count;
    }
}
