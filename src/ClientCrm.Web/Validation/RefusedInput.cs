using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Validation;

/// <summary>
/// A list page reads its filters and page number from the address. A value it cannot use (not a number, an unknown
/// choice, a date out of range) is left out, and the page says so at the top instead of answering with an error.
/// </summary>
internal static class RefusedInput
{
    private const int MaxShown = 5;
    private const int MaxShownLength = 40;

    /// <summary>The notice for a GET whose address had refused values; null otherwise (forms mark their own fields).</summary>
    public static string? Notice(HttpContext http, ModelStateDictionary modelState, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        if (modelState.ErrorCount == 0 || !HttpMethods.IsGet(http.Request.Method))
        {
            return null;
        }

        // Only values the address carried: a property left out may be "required" by its type (a non-nullable string)
        // without anyone having typed anything wrong.
        var refused = modelState.Where(e => e.Value is { Errors.Count: > 0, RawValue: not null }).Select(e => e.Value!.AttemptedValue).ToList();
        if (refused.Count == 0)
        {
            return null;
        }

        var shown = refused.Where(v => !string.IsNullOrWhiteSpace(v))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxShown)
            .Select(v => "“" + (v!.Length > MaxShownLength ? v[..MaxShownLength] + "…" : v) + "”")
            .ToList();
        return shown.Count == 0 ? l["Input.RefusedSome"] : l["Input.Refused", string.Join(l["Input.ListSeparator"], shown)];
    }
}
