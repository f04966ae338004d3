using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>What the project create and edit pages share: the currencies offered and the rate check (on the company's today).</summary>
internal static class ProjectForm
{
    public const string CurrenciesKey = "Project.Currencies";

    /// <summary>
    /// Currencies the form offers: the yuan and every currency with a rate in force today, plus the one already in the
    /// form, so a value the user posted (or the project has) is shown back rather than silently changed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CurrenciesAsync(CrmDbContext db, DateOnly today, string? current, CancellationToken ct)
    {
        var usable = await db.UsableCurrenciesAsync(today, ct);
        var code = current?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(code) || usable.Contains(code) ? usable : [.. usable, code];
    }

    /// <summary>
    /// The rate in force today for the amount's currency. When an amount is given in a currency without one, the field
    /// gets a message saying a leader must enter the rate.
    /// </summary>
    public static async Task<RateQuote?> QuoteAsync(CrmDbContext db, ProjectInput input, DateOnly today, ModelStateDictionary modelState,
        IStringLocalizer l, CancellationToken ct)
    {
        var field = $"{nameof(CreateModel.Input)}.{nameof(ProjectInput.Currency)}";
        if (input.ContractAmount is null || input.CurrencyCode is not { } code || modelState.GetFieldValidationState(field) == ModelValidationState.Invalid)
        {
            return null;
        }

        var quote = await db.QuoteAsync(code, today, ct);
        if (quote is null)
        {
            modelState.AddModelError(field, l["Project.NoRateForCurrency", code]);
        }

        return quote;
    }
}
