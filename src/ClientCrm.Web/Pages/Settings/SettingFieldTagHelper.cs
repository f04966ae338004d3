using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>
/// One required number of a settings form: its label (the property's [Display] name), the input with its unit beside it,
/// a note on the rule the number feeds, and the message of a refused value:
/// <c>&lt;setting-field asp-for="Input.ContactDaysA" unit="…" note="…" /&gt;</c>.
/// A tag helper, not a partial: a partial rendered with for="…" gets the value but not the property's metadata, so
/// its labels came out empty.
/// </summary>
[HtmlTargetElement("setting-field", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SettingFieldTagHelper(IHtmlGenerator generator, HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;

    /// <summary>The unit shown after the input (天, 人, 元（人民币）, %). A resource, so Razor passes it as it is, not as encoded text.</summary>
    [HtmlAttributeName("unit")] public LocalizedString? Unit { get; set; }

    /// <summary>What the number does: the rule it feeds and its bounds.</summary>
    [HtmlAttributeName("note")] public LocalizedString? Note { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var fullName = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(fullName, "_");
        var (unitId, noteId) = (id + "-unit", id + "-note");
        var type = Nullable.GetUnderlyingType(For.ModelExplorer.ModelType) ?? For.ModelExplorer.ModelType;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (!output.Attributes.ContainsName("class"))
        {
            output.Attributes.SetAttribute("class", "col-md-6 col-xl-4");
        }

        var label = generator.GenerateLabel(ViewContext, For.ModelExplorer, For.Name, labelText: null,
            htmlAttributes: new Dictionary<string, object> { ["class"] = "form-label required" });
        var input = generator.GenerateTextBox(ViewContext, For.ModelExplorer, For.Name, For.Model, format: null,
            htmlAttributes: new Dictionary<string, object>
            {
                ["class"] = "form-control",
                ["inputmode"] = type == typeof(decimal) ? "decimal" : "numeric",
                ["aria-describedby"] = $"{unitId} {noteId}",
            });
        input.TagRenderMode = TagRenderMode.SelfClosing;
        var message = generator.GenerateValidationMessage(ViewContext, For.ModelExplorer, For.Name, message: null, tag: "span",
            htmlAttributes: new Dictionary<string, object> { ["class"] = "text-danger small" });

        var content = output.Content;
        content.AppendHtml(label);
        content.AppendHtml("<div class=\"input-group\">");
        content.AppendHtml(input);
        content.AppendHtml($"<span class=\"input-group-text\" id=\"{encoder.Encode(unitId)}\">{encoder.Encode(Unit?.Value ?? "")}</span></div>");
        content.AppendHtml($"<div class=\"form-text\" id=\"{encoder.Encode(noteId)}\">{encoder.Encode(Note?.Value ?? "")}</div>");
        content.AppendHtml(message);
    }
}
