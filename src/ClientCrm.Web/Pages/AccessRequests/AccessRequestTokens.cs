using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace ClientCrm.Web.Pages.AccessRequests;

/// <summary>
/// How the existence check hands a client it may not show over to the request form: an opaque, time-limited token (data
/// protection) holding the client's id and the name the user checked. The page shows no more than the check did (the
/// department to contact); the id never reaches the browser in the clear, and a token is good for a day.
/// </summary>
public sealed class AccessRequestTokens(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("ClientCrm.AccessRequests.Client").ToTimeLimitedDataProtector();

    public string Protect(Guid clientId, string? checkedName) =>
        _protector.Protect(clientId.ToString("N", CultureInfo.InvariantCulture) + "\n" + (checkedName ?? "").Trim(), Lifetime);

    /// <summary>The client and the checked name; null for a token that is forged, altered or too old.</summary>
    public (Guid ClientId, string CheckedName)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(token);
            var split = text.IndexOf('\n', StringComparison.Ordinal);
            return split == 32 && Guid.TryParseExact(text[..split], "N", out var id) ? (id, text[(split + 1)..]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
