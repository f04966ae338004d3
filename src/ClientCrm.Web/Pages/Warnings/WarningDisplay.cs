using System.Text.Json;
using System.Text.RegularExpressions;
using ClientCrm.Domain.Warnings;
using ClientCrm.Web.Localization;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>The badges a warning carries wherever it is listed: family, severity, state, and the two marks of the engine.</summary>
public sealed record WarningBadges(WarningFamily Family, WarningSeverity Severity, WarningState State, bool ConditionCleared, bool Escalated)
{
    public static WarningBadges Of(Warning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return new(warning.Family, warning.Severity, warning.State, warning.ConditionClearedAt is not null && !warning.IsClosed,
            warning.EscalatedAt is not null);
    }
}

/// <summary>How warnings read on the pages: their title, their figures in the user's language, the report as paragraphs.</summary>
public static partial class WarningDisplay
{
    /// <summary>The short text of the warning column: the summary of a filed warning, the rule's name otherwise.</summary>
    public static string Title(IStringLocalizer l, WarningRule? rule, string? summary)
    {
        ArgumentNullException.ThrowIfNull(l);
        return !string.IsNullOrWhiteSpace(summary) ? summary : rule is { } r ? l.Enum(r) : "";
    }

    /// <summary>The rule that raised it, or "filed by hand".</summary>
    public static string Origin(IStringLocalizer l, WarningRule? rule)
    {
        ArgumentNullException.ThrowIfNull(l);
        return rule is { } r ? l.Enum(r) : l["Warnings.Manual"];
    }

    public static string FigureName(IStringLocalizer l, string name)
    {
        ArgumentNullException.ThrowIfNull(l);
        var localized = l[$"WarningFigure.{name}"];
        return localized.ResourceNotFound ? name : localized.Value;
    }

    /// <summary>Numbers and dates stay as stored (invariant); an operating status becomes its name; a grade stays a letter.</summary>
    public static string FigureValue(IStringLocalizer l, string value)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (string.IsNullOrEmpty(value) || !char.IsLetter(value[0]) || value.Length == 1)
        {
            return value;
        }

        var localized = l[$"Enum.OperatingStatus.{value}"];
        return localized.ResourceNotFound ? value : localized.Value;
    }

    /// <summary>The figures a refresh line of the timeline carries (JSON); empty when the text is not such a list.</summary>
    public static IReadOnlyList<WarningFigure> Figures(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<WarningFigure>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>"name: value; name: value" in the user's language.</summary>
    public static string FiguresLine(IStringLocalizer l, IEnumerable<WarningFigure> figures) =>
        string.Join("; ", figures.Select(f => $"{FigureName(l, f.Name)}: {FigureValue(l, f.Value)}"));

    /// <summary>Plain text as paragraphs (split on blank lines), each a list of its lines. The page encodes every line.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Paragraphs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return BlankLine().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
            .Select(p => p.Trim('\n'))
            .Where(p => p.Trim().Length > 0)
            .Select(p => (IReadOnlyList<string>)p.Split('\n'))
            .ToList();
    }

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/>, never negative.</summary>
    public static int Days(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (int)Math.Floor((to - from).TotalDays));

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();
}
