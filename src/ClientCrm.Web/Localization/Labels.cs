using System.Globalization;
using ClientCrm.Domain.Clients;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Localization;

/// <summary>Names of enum values and countries in the user's language, and select lists built from them.</summary>
public static class Labels
{
    public static string Enum<T>(this IStringLocalizer l, T value) where T : struct, System.Enum
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[$"Enum.{typeof(T).Name}.{value}"];
    }

    public static string Enum<T>(this IStringLocalizer l, T? value) where T : struct, System.Enum =>
        value is { } v ? l.Enum(v) : "";

    public static IEnumerable<SelectListItem> Options<T>(this IStringLocalizer l, T? selected = null) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Select(v => new SelectListItem(l.Enum(v), v.ToString(), selected.HasValue && selected.Value.Equals(v)));

    /// <summary>
    /// A language-neutral figure from the grading engine ("12 / 3,000,000", "OperatingStatus.Good / OperatingStatus.Stable")
    /// in the user's language: enum tokens become their names, numbers stay as they are.
    /// </summary>
    public static string Figure(this IStringLocalizer l, string? figure)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (string.IsNullOrEmpty(figure))
        {
            return "";
        }

        return string.Join(" / ", figure.Split(" / ").Select(part =>
        {
            var localized = l[$"Enum.{part}"];
            return localized.ResourceNotFound ? part : localized.Value;
        }));
    }

    public static string CountryName(string? code)
    {
        var country = Countries.Find(code);
        if (country is null)
        {
            return code ?? "";
        }

        return CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? country.NameEn : country.NameZh;
    }

    /// <summary>Country code → region code, for the form script that fills the region when a country is chosen.</summary>
    public static string CountryRegionsJson() =>
        System.Text.Json.JsonSerializer.Serialize(Countries.All.ToDictionary(c => c.Code, c => c.Region.ToString()));

    public static IEnumerable<SelectListItem> CountryOptions(string? selected = null) =>
        Countries.All
            .OrderBy(c => c.Region).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new SelectListItem($"{CountryName(c.Code)} ({c.Code})", c.Code, string.Equals(c.Code, selected, StringComparison.OrdinalIgnoreCase)));
}
