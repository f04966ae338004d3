using System.Text;

namespace ClientCrm.Domain.Dossier;

/// <summary>
/// How lists and search results show a phone number or an e-mail address (issue 13, masking): enough to recognise it,
/// not enough to use it. The full value is on the client page only, whose every view the use log registers. Every list
/// masks through here.
/// </summary>
public static class ContactMask
{
    private const string Stars = "****";

    /// <summary>A phone number's first three and last four digits: 13812345678 → 138****5678; a short one keeps less; "+" is kept.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        var digits = new StringBuilder();
        foreach (var ch in phone)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits.Append(ch);
            }
        }

        var d = digits.ToString();
        var plus = phone.TrimStart().StartsWith('+') ? "+" : "";
        return d.Length switch
        {
            >= 8 => plus + d[..3] + Stars + d[^4..],
            >= 5 => plus + d[..1] + Stars + d[^2..],
            _ => Stars,
        };
    }

    /// <summary>An e-mail address's first letter and its domain: zhang.wei@example.com → z***@example.com.</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "";
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        return at <= 0 || at == trimmed.Length - 1 ? Stars : string.Concat(trimmed.AsSpan(0, 1), "***", trimmed.AsSpan(at));
    }
}
