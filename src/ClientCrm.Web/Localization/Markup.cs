using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using ClientCrm.Domain.Grading;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Localization;

/// <summary>
/// Small pieces of markup that list pages repeat many times. A tag helper (&lt;option&gt; inside a select, an anchor with
/// asp-page) or a partial view per occurrence costs an activation, a buffer and often a link lookup; a filter form has
/// hundreds of options and a list page a badge per row.
/// </summary>
public static class Markup
{
    private static readonly ConcurrentDictionary<(string Culture, string List, string First), OptionList> Lists = new();
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, OptionList>> ByInstance = [];

    /// <summary>The options of an enum's values, named in the UI language, after a first "any" option.</summary>
    public static IHtmlContent EnumOptions<T>(IStringLocalizer l, HtmlEncoder encoder, string first, T? selected) where T : struct, Enum =>
        Lists.GetOrAdd((CultureInfo.CurrentUICulture.Name, typeof(T).FullName!, first), _ => OptionList.Build(encoder,
                Enum.GetValues<T>().Select(v => (v.ToString(), l.Enum(v))).Prepend(("", first))))
            .Render(selected?.ToString());

    /// <summary>The options of an enum's values shown by their code (grades: A, B, C), after a first "any" option.</summary>
    public static IHtmlContent CodeOptions<T>(HtmlEncoder encoder, string first, T? selected) where T : struct, Enum =>
        Lists.GetOrAdd((CultureInfo.CurrentUICulture.Name, "code:" + typeof(T).FullName, first), _ => OptionList.Build(encoder,
                Enum.GetValues<T>().Select(v => (v.ToString(), v.ToString())).Prepend(("", first))))
            .Render(selected?.ToString());

    /// <summary>Every country, named in the UI language, after a first "any" option.</summary>
    public static IHtmlContent CountryOptions(HtmlEncoder encoder, string first, string? selected) =>
        Lists.GetOrAdd((CultureInfo.CurrentUICulture.Name, "countries", first),
                _ => OptionList.Build(encoder, Labels.CountryNames().Prepend(("", first))))
            .Render(selected);

    /// <summary>
    /// The options of a list that is itself kept (the cached owners or departments): built once per list instance and
    /// language, dropped with the instance.
    /// </summary>
    public static IHtmlContent Options<T>(HtmlEncoder encoder, IReadOnlyList<T> source, Func<T, (string Value, string Text)> option, string first,
        string? selected)
    {
        ArgumentNullException.ThrowIfNull(source);
        var perLanguage = ByInstance.GetValue(source, _ => new ConcurrentDictionary<string, OptionList>(StringComparer.Ordinal));
        return perLanguage.GetOrAdd(CultureInfo.CurrentUICulture.Name + "\u0001" + first,
            _ => OptionList.Build(encoder, source.Select(option).Prepend(("", first)))).Render(selected);
    }

    /// <summary>The CSS class of a grade badge (as _GradeBadge shows it).</summary>
    public static string GradeCss(ClientGrade grade) => grade switch
    {
        ClientGrade.A => "text-bg-danger",
        ClientGrade.B => "text-bg-primary",
        _ => "text-bg-secondary",
    };

    /// <summary>Options written once: each as plain and as selected markup, so showing the list allocates nothing per option.</summary>
    private sealed class OptionList
    {
        private readonly string[] _values;
        private readonly string[] _plain;
        private readonly string[] _selected;

        private OptionList(string[] values, string[] plain, string[] selected) => (_values, _plain, _selected) = (values, plain, selected);

        public static OptionList Build(HtmlEncoder encoder, IEnumerable<(string Value, string Text)> options)
        {
            ArgumentNullException.ThrowIfNull(encoder);
            var list = options.ToArray();
            return new OptionList(
                list.Select(o => o.Value).ToArray(),
                list.Select(o => $"<option value=\"{encoder.Encode(o.Value)}\">{encoder.Encode(o.Text)}</option>").ToArray(),
                list.Select(o => $"<option value=\"{encoder.Encode(o.Value)}\" selected=\"selected\">{encoder.Encode(o.Text)}</option>").ToArray());
        }

        public IHtmlContent Render(string? selected) => new Rendered(this, selected is null ? -1 : Array.IndexOf(_values, selected));

        private sealed class Rendered(OptionList list, int selected) : IHtmlContent
        {
            public void WriteTo(TextWriter writer, HtmlEncoder encoder)
            {
                ArgumentNullException.ThrowIfNull(writer);
                for (var i = 0; i < list._plain.Length; i++)
                {
                    writer.Write(i == selected ? list._selected[i] : list._plain[i]);
                }
            }
        }
    }
}
