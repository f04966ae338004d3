using ClientCrm.Domain.Common;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Jobs;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

public sealed record WarningRunRow(Guid Id, WarningRunTrigger Trigger, string? StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Assessed, int Raised, int Refreshed, int Cleared, int Returned, int Escalated);

/// <summary>
/// 预警设置: leaders set the thresholds of the automatic warning rules (SPEC §7; every change is in the audit log), run
/// the engine over the whole company on demand and see what the recent runs did.
/// </summary>
public sealed class WarningsModel(CrmDbContext db, IValidator<WarningSettingsInput> validator, WarningEngine engine,
    IJobSchedules schedules, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel, IRefusalPage
{
    public const int RunsShown = 20;

    [BindProperty] public WarningSettingsInput Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<WarningRunRow> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await db.WarningSettings.AsNoTracking().SingleAsync(ct);
        Input = WarningSettingsInput.From(settings.Thresholds);
        (Version, UpdatedAt) = (settings.Version, settings.UpdatedAt);
        await LoadRunsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = await db.WarningSettings.SingleAsync(ct);
        UpdatedAt = settings.UpdatedAt;
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid)
        {
            db.Entry(settings).Property(s => s.Version).OriginalValue = Version;
            settings.Change(Input.ToThresholds(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            // The run interval is the warning job's schedule: its next firing moves now, not after the next run.
            await schedules.ApplyAsync(WarningRunJob.Name, ct);
            TempData["Flash"] = l["Settings.Saved"].Value;
            return RedirectToPage();
        }

        await LoadRunsAsync(ct);
        return Page();
    }

    public string? FieldOf(DomainException refusal, string? handler) => RefusalFields.In(nameof(Input), Input.FieldOf(refusal?.Code ?? ""));

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct)
    {
        await LoadRunsAsync(ct);
        return Page();
    }

    /// <summary>A company-wide run now; the flash says what it changed.</summary>
    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        try
        {
            var run = await engine.RunAsync(WarningRunTrigger.OnDemand, ct);
            TempData["Flash"] = l["WarningSettings.RunDone", run.Assessed, run.Raised, run.Refreshed, run.Cleared, run.Returned, run.Escalated].Value;
        }
        catch (DomainException ex)
        {
            // Stays a catch: the run button has no field, and the refusal (who may run) is said at the top after a redirect, so
            // reloading the page does not start a run again.
            TempData["FlashError"] = l[ex.Code].Value;
        }

        return RedirectToPage();
    }

    private async Task LoadRunsAsync(CancellationToken ct) =>
        Runs = await db.WarningRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(RunsShown)
            .Select(r => new WarningRunRow(r.Id, r.Trigger, r.StartedByName, r.StartedAt, r.FinishedAt, r.Assessed, r.Raised, r.Refreshed,
                r.Cleared, r.Returned, r.Escalated))
            .ToListAsync(ct);
}
