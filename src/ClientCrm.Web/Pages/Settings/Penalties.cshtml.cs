using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>
/// 处罚种类: the penalties an accountability report may propose for a person concerned (SPEC §5.3), kept by the leaders.
/// A penalty is renamed or made inactive, never deleted, so the reports that proposed it still name it. Audited.
/// </summary>
public sealed class PenaltiesModel(CrmDbContext db, IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    public IReadOnlyList<AccountabilityPenalty> Penalties { get; private set; } = [];

    [BindProperty] public PenaltyInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var last = await db.AccountabilityPenalties.MaxAsync(p => (int?)p.SortOrder, ct) ?? 0;
        db.AccountabilityPenalties.Add(AccountabilityPenalty.Create(Input.ChineseName, Input.EnglishName, last + 1, clock.UtcNow));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Settings.Saved"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        var penalty = await db.AccountabilityPenalties.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (penalty is null)
        {
            return NotFound();
        }

        penalty.Rename(Input.ChineseName, Input.EnglishName, clock.UtcNow);
        penalty.SetActive(Input.IsActive, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Settings.Saved"].Value;
        return RedirectToPage();
    }

    public RefusalMessage Duplicate() => new(RefusalFields.In(nameof(Input), nameof(PenaltyInput.ChineseName)), "Penalties.Duplicate");

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Penalties = await db.AccountabilityPenalties.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync(ct);
}

/// <summary>One penalty as the page posts it: the new one, or the row saved.</summary>
public sealed class PenaltyInput
{
    [Display(Name = "Penalties.ChineseName")] public string? ChineseName { get; set; }
    [Display(Name = "Penalties.EnglishName")] public string? EnglishName { get; set; }
    [Display(Name = "Penalties.IsActive")] public bool IsActive { get; set; }
}
