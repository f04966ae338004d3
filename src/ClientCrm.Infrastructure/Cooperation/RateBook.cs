using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Cooperation;

/// <summary>The exchange rates leaders keep: which rate applies to a currency on a given day.</summary>
public static class RateBook
{
    /// <summary>The rate in force on <paramref name="on"/> (the latest that took effect by then); the yuan is always 1.</summary>
    public static async Task<RateQuote?> QuoteAsync(this CrmDbContext db, string? currency, DateOnly on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (code == RateQuote.Cny)
        {
            return RateQuote.Identity(on);
        }

        var rate = await db.ExchangeRates.AsNoTracking()
            .Where(r => r.Currency == code && r.EffectiveFrom <= on)
            .OrderByDescending(r => r.EffectiveFrom)
            .FirstOrDefaultAsync(ct);
        return rate?.ToQuote();
    }

    /// <summary>The ids of the rates in force on <paramref name="on"/>: for each currency, the latest that took effect by then.</summary>
    public static async Task<IReadOnlySet<int>> InForceIdsAsync(this CrmDbContext db, DateOnly on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = await db.ExchangeRates.AsNoTracking()
            .Where(r => r.EffectiveFrom <= on)
            .GroupBy(r => r.Currency)
            .Select(g => g.OrderByDescending(r => r.EffectiveFrom).Select(r => r.Id).First())
            .ToListAsync(ct);
        return ids.ToHashSet();
    }

    /// <summary>Currencies that can be entered today: the yuan and every currency with a rate in force.</summary>
    public static async Task<IReadOnlyList<string>> UsableCurrenciesAsync(this CrmDbContext db, DateOnly on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = await db.ExchangeRates.Where(r => r.EffectiveFrom <= on).Select(r => r.Currency).Distinct().OrderBy(c => c).ToListAsync(ct);
        return [RateQuote.Cny, .. codes];
    }
}
