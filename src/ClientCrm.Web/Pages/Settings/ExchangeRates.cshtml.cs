using System.Globalization;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>
/// Leaders' setting: the CNY rates contract amounts are converted with. Rates are only added (never edited), so every
/// CNY figure can be traced to the rate it used; a second rate for the same currency and day is refused. The rates are
/// listed newest effective date first, paged by keyset on (EffectiveFrom, Id), with the total.
/// </summary>
public sealed class ExchangeRatesModel(
    CrmDbContext db,
    ICurrentActor actor,
    IValidator<ExchangeRateInput> validator,
    IStringLocalizer<SharedResource> l,
    BusinessClock clock,
    ScopeSummaries summaries) : KeysetListModel, IRefusalPage
{
    public const int PageSize = 50;

    [BindProperty] public ExchangeRateInput Input { get; set; } = new();

    public IReadOnlyList<ExchangeRate> Rates { get; private set; } = [];
    public Tally Total { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

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

        var rate = new ExchangeRate(Input.CurrencyCode, Input.CnyPerUnit!.Value, Input.EffectiveFrom!.Value, actor.UserName, clock.UtcNow);
        db.ExchangeRates.Add(rate);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Rate.Added", rate.Currency, rate.CnyPerUnit.ToString("0.######", CultureInfo.InvariantCulture), rate.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage();
    }

    public string? FieldOf(DomainException refusal, string? handler) => RefusalFields.In(nameof(Input), ExchangeRateInput.FieldOf(refusal?.Code ?? ""));

    /// <summary>Another leader entered the same currency and day between the check above and the save.</summary>
    public RefusalMessage Duplicate() => new($"{nameof(Input)}.{nameof(ExchangeRateInput.EffectiveFrom)}", "Rate.Duplicate", [Input.CurrencyCode]);

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private DateOnly Today => clock.Today;

    private void AddDuplicateError()
    {
        var duplicate = Duplicate();
        ModelState.AddModelError(duplicate.Field, l[duplicate.Key, duplicate.Arguments!]);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rates = db.ExchangeRates.AsNoTracking();
        Total = await rates.TallyAsync(ct);
        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (DateOnly.ParseExact(c.Text(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), c.Small(1));
            return c;
        });
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek => NewestFirst(rates, cursor, seek),
            r => Cursor.Encode(r.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Id), ct);
        Rates = page.Rows;
        Pager = Keyset.Links(page, ListPath, new Dictionary<string, string?>(StringComparer.Ordinal));
        InForce = await db.InForceIdsAsync(Today, ct);
        People = await PickLists.DirectoryAsync(db, summaries, ct);
    }

    /// <summary>Newest effective date first, then the latest entered; after or before the cursor's rate.</summary>
    private static IQueryable<ExchangeRate> NewestFirst(IQueryable<ExchangeRate> rates, Cursor? cursor, Seek seek)
    {
        if (cursor is not null && seek != Seek.First)
        {
            var (day, id) = (DateOnly.ParseExact(cursor.Text(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), cursor.Small(1));
            return seek == Seek.After
                ? rates.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.EffectiveFrom, r.Id), ValueTuple.Create(day, id)))
                    .OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id)
                : rates.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.EffectiveFrom, r.Id), ValueTuple.Create(day, id)))
                    .OrderBy(r => r.EffectiveFrom).ThenBy(r => r.Id);
        }

        return rates.OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id);
    }
}
