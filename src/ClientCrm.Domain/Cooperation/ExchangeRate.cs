using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Cooperation;

/// <summary>
/// A leaders' setting: from <see cref="EffectiveFrom"/>, one unit of <see cref="Currency"/> counts as
/// <see cref="CnyPerUnit"/> yuan when a contract amount is entered. Rates are added, never edited, so every
/// CNY figure can be traced to the rate it used.
/// </summary>
public class ExchangeRate : IAuditable
{
    private ExchangeRate() { }

    public ExchangeRate(string currency, decimal cnyPerUnit, DateOnly effectiveFrom, string? enteredBy, DateTimeOffset now)
    {
        var code = currency?.Trim().ToUpperInvariant() ?? "";
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException("Rate.BadCurrency", "A currency is a three-letter ISO 4217 code.");
        }

        if (code == RateQuote.Cny)
        {
            throw new DomainException("Rate.CnyIsOne", "The yuan needs no rate.");
        }

        if (cnyPerUnit <= 0)
        {
            throw new DomainException("Rate.NotPositive", "A rate must be above zero.");
        }

        Currency = code;
        CnyPerUnit = cnyPerUnit;
        EffectiveFrom = effectiveFrom;
        EnteredBy = enteredBy;
        EnteredAt = now;
    }

    public int Id { get; private set; }
    public string Currency { get; private set; } = "";
    public decimal CnyPerUnit { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public string? EnteredBy { get; private set; }
    public DateTimeOffset EnteredAt { get; private set; }

    public RateQuote ToQuote() => new(Currency, CnyPerUnit, EffectiveFrom);
}
