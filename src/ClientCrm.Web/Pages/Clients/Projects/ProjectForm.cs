using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>
/// What the project and incident forms share: the company's today, the currencies offered (the exchange rates' list) and
/// the rate check.
/// </summary>
internal static class ProjectForm
{
    public const string CurrenciesKey = "Project.Currencies";

    /// <summary>The link to start or continue the project's contract review, shown under a refused status.</summary>
    public const string ReviewLinkKey = "Project.ReviewLink";

    /// <summary>
    /// A project saved in status 合同评审 that is not initiated and has no review yet: saving it starts its review, so the
    /// page goes on to the review's start form.
    /// </summary>
    public static async Task<bool> StartsReviewAsync(CrmDbContext db, CooperationProject project, CancellationToken ct) =>
        project.Status == ProjectStatus.ContractReview && !project.IsInitiated
        && !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.ContractReviews, r => r.ProjectId == project.Id, ct);

    /// <summary>The company's date (BusinessClock): it picks the rate in force and bounds the filing date.</summary>
    public static DateOnly Today(BusinessClock clock) => clock.Today;

    /// <summary>
    /// Currencies the form offers: the yuan and every currency with a rate in force today, plus those already in the
    /// form, so a value the user posted (or the record has) is shown back rather than silently changed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CurrenciesAsync(CrmDbContext db, DateOnly today, IEnumerable<string?> current, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(current);
        var usable = await db.UsableCurrenciesAsync(today, ct);
        var extra = current.Select(c => c?.Trim().ToUpperInvariant())
            .Where(c => !string.IsNullOrEmpty(c) && !usable.Contains(c))
            .Select(c => c!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return extra.Count == 0 ? usable : [.. usable, .. extra];
    }

    /// <summary>
    /// A currency chosen for an amount kept in its own currency (wage, service fee, arrears) must be one the company
    /// lists: the yuan or a currency with a rate in force, or the one the record already has. Anything else (a code typed
    /// into a hand-made post) is refused next to its field.
    /// </summary>
    public static async Task CheckListedAsync(CrmDbContext db, DateOnly today, ModelStateDictionary modelState, IStringLocalizer l,
        IEnumerable<(string Field, string? Code, string? Stored)> currencies, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(currencies);
        var toCheck = currencies
            .Select(c => (c.Field, Code: c.Code?.Trim().ToUpperInvariant(), Stored: c.Stored?.Trim().ToUpperInvariant()))
            .Where(c => !string.IsNullOrEmpty(c.Code) && c.Code != c.Stored && modelState.GetFieldValidationState(c.Field) != ModelValidationState.Invalid)
            .ToList();
        if (toCheck.Count == 0)
        {
            return;
        }

        var usable = await db.UsableCurrenciesAsync(today, ct);
        foreach (var (field, code, _) in toCheck.Where(c => !usable.Contains(c.Code!)))
        {
            modelState.AddModelError(field, l["Project.CurrencyNotListed", code!]);
        }
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

    /// <summary>The wage and service-fee currencies of a posted project, for <see cref="CheckListedAsync"/>.</summary>
    public static IEnumerable<(string Field, string? Code, string? Stored)> TermCurrencies(ProjectInput input, CooperationProject? stored)
    {
        ArgumentNullException.ThrowIfNull(input);
        const string prefix = nameof(CreateModel.Input) + ".";
        if (input.WageAmount is not null)
        {
            yield return (prefix + nameof(ProjectInput.WageCurrency), input.WageCurrency, stored?.WageCurrency);
        }

        if (input.ServiceFeeAmount is not null)
        {
            yield return (prefix + nameof(ProjectInput.ServiceFeeCurrency), input.ServiceFeeCurrency, stored?.ServiceFeeCurrency);
        }
    }
}
