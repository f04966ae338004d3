using System.Globalization;
using System.Text;

namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// Canonical forms for blind-indexed values, so the spellings users actually type for the same phone,
/// email or document number produce the same index. Changing a rule invalidates every stored index of
/// that kind, so rules may only change together with a re-indexing migration.
/// </summary>
public static class BlindIndexNormalizer
{
    public static string Normalize(BlindIndexKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        return kind switch
        {
            BlindIndexKind.Phone => NormalizePhone(value),
            BlindIndexKind.Email => NormalizeEmail(value),
            BlindIndexKind.TaxNumber or BlindIndexKind.RegistrationNumber => NormalizeDocumentNumber(value),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown blind index kind."),
        };
    }

    // "+971 4-123 4567", "00971 4 1234567" and "971-4-1234567" all become "97141234567". Local formats
    // such as "04 123 4567" are deliberately not expanded: that would need the caller's country.
    private static string NormalizePhone(string value)
    {
        var digits = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            // Any Unicode decimal digit counts, because Arabic-Indic and full-width digits show up in
            // numbers typed on Gulf and Chinese keyboards.
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit >= 0)
            {
                digits.Append((char)('0' + digit));
            }
        }

        if (digits.Length >= 2 && digits[0] == '0' && digits[1] == '0')
        {
            digits.Remove(0, 2);
        }

        return digits.ToString();
    }

    // Lower case because that is how addresses are conventionally written and displayed; the local part is
    // technically case-sensitive, but no mail provider our clients use treats it so.
    private static string NormalizeEmail(string value) => value.Trim().ToLowerInvariant();

    private static string NormalizeDocumentNumber(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '.' or '/')
            {
                continue;
            }

            result.Append(char.ToUpperInvariant(c));
        }

        return result.ToString();
    }
}
