using System.Globalization;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>
/// Leaders' setting: the CNY rates contract amounts are converted with. Rates are only added (never edited), so every
/// CNY figure can be traced to the rate it used; a second rate for the same currency and day is refused.
/// </summary>
public sealed class ExchangeRatesModel(
    CrmDbContext db,
    ICurrentActor actor,
    IValidator<ExchangeRateInput> validator,
    IStringLocalizer<SharedResource> l,
    BusinessClock clock,
    ScopeSummaries summaries) : PageModel
{
    [BindProperty] public ExchangeRateInput Input { get; set; } = new();

    public IReadOnlyList<ExchangeRate> Rates { get; private set; } = [];

    /// <summary>Everyone, to show who entered a rate by display name (a rate keeps the sign-in name).</summary>
    public People People { get; private set; } = new([]);

    /// <summary>Ids of the rates in force today, one per currency.</summary>
    public IReadOnlySet<int> InForce { get; private set; } = new HashSet<int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.EffectiveFrom = Today;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid && await db.ExchangeRates.AnyAsync(r => r.Currency == Input.CurrencyCode && r.EffectiveFrom == Input.EffectiveFrom, ct))
        {
            AddDuplicateError();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            var rate = new ExchangeRate(Input.CurrencyCode, Input.CnyPerUnit!.Value, Input.EffectiveFrom!.Value, actor.UserName, clock.UtcNow);
            db.ExchangeRates.Add(rate);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = l["Rate.Added", rate.Currency, rate.CnyPerUnit.ToString("0.######", CultureInfo.InvariantCulture), rate.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, nameof(Input), ExchangeRateInput.FieldOf, l);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another leader entered the same currency and day between our check and our save.
            db.ChangeTracker.Clear();
            AddDuplicateError();
        }

        await LoadAsync(ct);
        return Page();
    }

    private DateOnly Today => clock.Today;

    private void AddDuplicateError() =>
        ModelState.AddModelError($"{nameof(Input)}.{nameof(ExchangeRateInput.EffectiveFrom)}", l["Rate.Duplicate", Input.CurrencyCode]);

    private async Task LoadAsync(CancellationToken ct)
    {
        Rates = await db.ExchangeRates.AsNoTracking()
            .OrderByDescending(r => r.EffectiveFrom).ThenBy(r => r.Currency).ThenByDescending(r => r.Id)
            .ToListAsync(ct);
        People = await PickLists.DirectoryAsync(db, summaries, ct);
        var today = Today;
        InForce = Rates.Where(r => r.EffectiveFrom <= today)
            .GroupBy(r => r.Currency)
            .Select(g => g.MaxBy(r => r.EffectiveFrom)!.Id)
            .ToHashSet();
    }
}
