using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>Leaders set the grading thresholds and contact intervals (SPEC §4); every change is in the audit log.</summary>
public sealed class GradingModel(CrmDbContext db, IValidator<GradingSettingsInput> validator, IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public GradingSettingsInput Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await db.GradingSettings.AsNoTracking().SingleAsync(ct);
        Input = GradingSettingsInput.From(settings.Thresholds);
        (Version, UpdatedAt) = (settings.Version, settings.UpdatedAt);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = await db.GradingSettings.SingleAsync(ct);
        UpdatedAt = settings.UpdatedAt;
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Entry(settings).Property(s => s.Version).OriginalValue = Version;
        var thresholds = Input.ToThresholds();
        settings.Change(thresholds, clock.UtcNow);
        // The contact intervals decide every client's next contact day: they change together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await ContactSchedule.RescheduleAllAsync(db, thresholds, clock, ct);
        await transaction.CommitAsync(ct);
        TempData["Flash"] = l["Settings.Saved"].Value;
        return RedirectToPage();
    }
}
