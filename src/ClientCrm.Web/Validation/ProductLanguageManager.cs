using System.Globalization;
using FluentValidation.Resources;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Validation;

/// <summary>
/// The wording of FluentValidation's rules when a validator gives no message of its own ("请填写“客户名称（原文）”。",
/// "“需求人数”应在 0 到 1,000,000 之间。"), from the resources "Validation.Rule.{validator}" in the user's language. Without
/// it FluentValidation writes its own translations ("'需求人数' 不能为Null。", "必须在 1 (包含)和 10000000 (包含)之间，
/// 您输入了 -5。"). A validator without a resource gets the general "not valid" message, never built-in text.
/// </summary>
internal sealed class ProductLanguageManager(IStringLocalizer l) : ILanguageManager
{
    public const string Prefix = "Validation.Rule.";

    public bool Enabled { get; set; } = true;

    public CultureInfo? Culture { get; set; }

    public string GetString(string key, CultureInfo? culture = null)
    {
        var found = l[Prefix + key];
        return found.ResourceNotFound ? l[Prefix + "PredicateValidator"] : found.Value;
    }
}
