using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Cooperation;

/// <summary>
/// The rule for an amount kept in its own currency without a CNY equivalent (a batch's wage level and service fee, an
/// incident's wages in arrears): never negative, and an amount needs its three-letter ISO 4217 currency.
/// </summary>
public static class Money
{
    /// <summary>A three-letter ISO 4217 code, upper case once cleaned.</summary>
    public static bool IsCurrencyCode(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    /// <summary>
    /// Checks an optional amount and its currency and returns them cleaned (the code upper case). A currency without an
    /// amount is dropped. The refusals are <c>{codePrefix}Negative</c>, <c>{codePrefix}CurrencyRequired</c> and
    /// <c>{codePrefix}BadCurrency</c>, so the page puts each next to its own field.
    /// </summary>
    public static (decimal? Amount, string? Currency) Check(decimal? amount, string? currency, string codePrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(codePrefix);
        if (amount is null)
        {
            return (null, null);
        }

        if (amount < 0)
        {
            throw new DomainException(codePrefix + "Negative", "An amount cannot be negative.");
        }

        var code = Client.Clean(currency)?.ToUpperInvariant()
            ?? throw new DomainException(codePrefix + "CurrencyRequired", "An amount needs its currency.");
        if (!IsCurrencyCode(code))
        {
            throw new DomainException(codePrefix + "BadCurrency", "A currency is a three-letter ISO 4217 code.");
        }

        return (amount, code);
    }
}
