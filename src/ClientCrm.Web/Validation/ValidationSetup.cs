using System.ComponentModel.DataAnnotations;
using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Validation;

/// <summary>
/// How FluentValidation speaks the product's language, and how the page handlers put its results and the domain's
/// refusals next to the fields. The validators themselves are registered by FluentValidation's own assembly scan.
/// </summary>
internal static class ValidationSetup
{
    /// <summary>
    /// Messages name a field by its localised label (the same [Display] key the form shows), and a rule without a message
    /// of its own gets the product's wording (<see cref="ProductLanguageManager"/>), not FluentValidation's built-in text.
    /// </summary>
    public static void UseLocalizedDisplayNames(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IStringLocalizerFactory>();
        var localizer = factory.Create(typeof(SharedResource));
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member?.GetCustomAttribute<DisplayAttribute>()?.Name is { } key ? localizer[key] : member?.Name;
        ValidatorOptions.Global.LanguageManager = new ProductLanguageManager(localizer);
    }

    public static void AddToModelState(this FluentValidation.Results.ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            // A value that could not be read ("请填写数字") already says what is wrong; "请填写…" after it would only
            // repeat it, and a field shows one message.
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            modelState.AddModelError(key, error.ErrorMessage);
        }
    }
}
