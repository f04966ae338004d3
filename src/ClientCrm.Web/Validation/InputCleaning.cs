using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace ClientCrm.Web.Validation;

/// <summary>
/// The edge every request passes before a page sees it (ASVS V1.2/V2.2): query-string and form values lose control
/// characters other than tab, line feed and carriage return (PostgreSQL refuses a NUL in text, and none of them belongs
/// in a name, a note or a filter), and are cut to <see cref="MaxValueLength"/> characters. Only values that need it
/// are rewritten, so a clean request costs one pass over its values. A form over <see cref="MaxFormBytes"/> is a 413,
/// and one the server cannot read otherwise a 400, before any page runs.
/// </summary>
internal sealed class InputCleaning(RequestDelegate next)
{
    /// <summary>Longer than any field accepts (the longest takes 4,000): only absurd values are cut, and the form still says "too long".</summary>
    public const int MaxValueLength = 10_000;

    /// <summary>The largest url-encoded form accepted: a hundred times the largest form of the app.</summary>
    public const int MaxFormBytes = 1024 * 1024;

    private static readonly SearchValues<char> Refused = SearchValues.Create(RefusedCharacters());

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.HasValue && NeedsCleaning(request.Query))
        {
            request.QueryString = QueryString.Create(Cleaned(request.Query));
        }

        if (request.HasFormContentType)
        {
            if (!await DropEncodedNulsAsync(request, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            if (NeedsCleaning(form))
            {
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(Cleaned(form), form.Files)));
            }
        }

        await next(context);
    }

    /// <summary>
    /// ASP.NET Core refuses a whole url-encoded form that holds an encoded NUL (<c>%00</c>) with a 400, before any page
    /// could say what was wrong; so the NULs are taken out of the body first, and the form is read as if they had not
    /// been typed. Bodies are read whole (the forms of this app are a few KB); false when one is over
    /// <see cref="MaxFormBytes"/>.
    /// </summary>
    private static async Task<bool> DropEncodedNulsAsync(HttpRequest request, CancellationToken ct)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (request.ContentLength > MaxFormBytes)
        {
            return false;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFormBytes)
            {
                return false;
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        var cleaned = body;
        int before;
        do
        {
            before = cleaned.Length;
            cleaned = WithoutEncodedNuls(cleaned);
        }
        while (cleaned.Length != before);

        request.Body = new MemoryStream(cleaned, writable: false);
        request.ContentLength = cleaned.Length;
        return true;
    }

    /// <summary>The body without <c>%00</c> and raw NUL bytes; the same array when it has none.</summary>
    private static byte[] WithoutEncodedNuls(byte[] body)
    {
        ReadOnlySpan<byte> nul = "%00"u8;
        if (body.AsSpan().IndexOf(nul) < 0 && body.AsSpan().IndexOf((byte)0) < 0)
        {
            return body;
        }

        var kept = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == 0)
            {
                continue;
            }

            if (body.AsSpan(i).StartsWith(nul))
            {
                i += nul.Length - 1;
                continue;
            }

            kept.Add(body[i]);
        }

        return [.. kept];
    }

    /// <summary>The value without refused characters and cut to <see cref="MaxValueLength"/>; the same string when it is fine.</summary>
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!NeedsCleaning(value))
        {
            return value;
        }

        var kept = new System.Text.StringBuilder(Math.Min(value.Length, MaxValueLength));
        for (var i = 0; i < value.Length && kept.Length < MaxValueLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (kept.Length + 2 > MaxValueLength)
                {
                    break;
                }

                kept.Append(c).Append(value[++i]);
            }
            else if (!Refused.Contains(c) && !char.IsSurrogate(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool NeedsCleaning(string? value) =>
        value is not null && (value.Length > MaxValueLength || value.AsSpan().ContainsAny(Refused) || HasLoneSurrogate(value));

    private static bool NeedsCleaning(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        foreach (var (key, list) in values)
        {
            if (NeedsCleaning(key))
            {
                return true;
            }

            foreach (var value in list)
            {
                if (NeedsCleaning(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Dictionary<string, StringValues> Cleaned(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        var cleaned = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, list) in values)
        {
            var name = Clean(key);
            if (name.Length == 0)
            {
                continue;
            }

            var kept = new StringValues(list.Select(v => v is null ? null : Clean(v)).ToArray());
            cleaned[name] = cleaned.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, kept) : kept;
        }

        return cleaned;
    }

    private static bool HasLoneSurrogate(string value)
    {
        if (!value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>C0 controls but tab, line feed and carriage return; DEL; C1 controls.</summary>
    private static string RefusedCharacters() =>
        new(Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')).ToArray());
}
