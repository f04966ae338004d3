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
        return l[EnumKeys<T>.Of(value)];
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
        CountryNames().Select(c => new SelectListItem(c.Text, c.Value, string.Equals(c.Value, selected, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Every country as (code, "name (code)") in the UI language, by region then code; built once per language.</summary>
    public static IReadOnlyList<(string Value, string Text)> CountryNames() =>
        CountryLists.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => Countries.All
            .OrderBy(c => c.Region).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => (c.Code, $"{CountryName(c.Code)} ({c.Code})"))
            .ToArray());

    /// <summary>"Enum.{Type}.{Value}" once per value: list pages look up several enum names per row.</summary>
    private static class EnumKeys<T> where T : struct, System.Enum
    {
        private static readonly Dictionary<T, string> Keys = System.Enum.GetValues<T>().Distinct().ToDictionary(v => v, Key);

        public static string Of(T value) => Keys.TryGetValue(value, out var key) ? key : Key(value);

        private static string Key(T value) => $"Enum.{typeof(T).Name}.{value}";
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Value, string Text)[]> CountryLists =
        new(StringComparer.Ordinal);
}
