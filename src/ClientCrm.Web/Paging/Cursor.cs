using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace ClientCrm.Web.Paging;

/// <summary>
/// An opaque keyset-paging cursor: the sort-key values of the row a page ends (or starts) at, as base64url JSON. It
/// holds only what the page already shows in its own order, so reading or altering it reveals nothing; a cursor that
/// does not parse is treated as no cursor (the first page).
/// </summary>
public sealed class Cursor
{
    private readonly string[] _values;

    private Cursor(string[] values) => _values = values;

    public static string Encode(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var parts = values.Select(v => v switch
        {
            DateTimeOffset t => t.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        }).ToArray();
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(parts));
    }

    /// <summary>The cursor in <paramref name="token"/> when it holds exactly <paramref name="count"/> values.</summary>
    public static Cursor? Decode(string? token, int count)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var values = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(token));
            return values is not null && values.Length == count && values.All(v => v is not null) ? new Cursor(values) : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Text(int index) => _values[index];

    public Guid Id(int index) => Guid.TryParse(_values[index], out var g) ? g : throw new FormatException("Not a cursor value.");

    public long Number(int index) => long.Parse(_values[index], NumberStyles.Integer, CultureInfo.InvariantCulture);

    public int Small(int index) => int.Parse(_values[index], NumberStyles.Integer, CultureInfo.InvariantCulture);

    public TEnum Enum<TEnum>(int index) where TEnum : struct, Enum => (TEnum)(object)Small(index);

    public DateTimeOffset Time(int index) => new(Number(index), TimeSpan.Zero);

    public override string ToString() => string.Join("|", _values);

    /// <summary>Reads typed values; a value of the wrong type makes the whole cursor invalid (first page).</summary>
    public static T? Read<T>(string? token, int count, Func<Cursor, T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var cursor = Decode(token, count);
        if (cursor is null)
        {
            return null;
        }

        try
        {
            return read(cursor);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
