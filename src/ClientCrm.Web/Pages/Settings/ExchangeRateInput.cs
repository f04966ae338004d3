using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Cooperation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>A new exchange rate as the leaders' form posts it.</summary>
public sealed class ExchangeRateInput
{
    [Display(Name = "Rate.Currency")] public string? Currency { get; set; }
    [Display(Name = "Rate.CnyPerUnit")] public decimal? CnyPerUnit { get; set; }
    [Display(Name = "Rate.EffectiveFrom")][DataType(DataType.Date)] public DateOnly? EffectiveFrom { get; set; }

    public string CurrencyCode => Currency?.Trim().ToUpperInvariant() ?? "";

    /// <summary>The form field a domain refusal belongs next to.</summary>
    public static string FieldOf(string code) => code switch
    {
        "Rate.NotPositive" => nameof(CnyPerUnit),
        _ => nameof(Currency),
    };
}

/// <summary>The rules of <see cref="ExchangeRate"/>, checked first so each message lands next to its field.</summary>
public sealed class ExchangeRateInputValidator : AbstractValidator<ExchangeRateInput>
{
    public ExchangeRateInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.Currency).NotEmpty()
            .Matches(@"^\s*[A-Za-z]{3}\s*$").WithMessage(l["Rate.BadCurrency"])
            .Must(c => !string.Equals(c?.Trim(), RateQuote.Cny, StringComparison.OrdinalIgnoreCase)).WithMessage(l["Rate.CnyIsOne"]);
        RuleFor(x => x.CnyPerUnit).NotNull()
            .GreaterThan(0).WithMessage(l["Rate.NotPositive"])
            .LessThan(1_000_000m)
            .PrecisionScale(18, 6, ignoreTrailingZeros: true).WithMessage(l["Rate.Scale"]);
        RuleFor(x => x.EffectiveFrom).NotNull();
    }
}
