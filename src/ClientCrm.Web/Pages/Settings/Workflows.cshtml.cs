using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>
/// 流程设置: leaders set how long each workflow step may wait before it goes to them, and after how long a pause a client
/// needs a new evaluation (SPEC §5). Every change is in the audit log.
/// </summary>
public sealed class WorkflowsModel(CrmDbContext db, IValidator<WorkflowSettingsInput> validator, IStringLocalizer<SharedResource> l, BusinessClock clock)
    : PageModel, IRefusalPage
{
    [BindProperty] public WorkflowSettingsInput Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await db.WorkflowSettings.AsNoTracking().SingleAsync(ct);
        Input = WorkflowSettingsInput.From(settings);
        (Version, UpdatedAt) = (settings.Version, settings.UpdatedAt);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = await db.WorkflowSettings.SingleAsync(ct);
        UpdatedAt = settings.UpdatedAt;
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Entry(settings).Property(s => s.Version).OriginalValue = Version;
        settings.ChangeEvaluation(Input.ToEvaluation(), clock.UtcNow);
        settings.ChangeComplaints(Input.ComplaintStepDueDays ?? 0, clock.UtcNow);
        settings.ChangeAccountability(Input.AccountabilityReportDueDays ?? 0, Input.AccountabilityStepDueDays ?? 0, clock.UtcNow);
        settings.ChangeInformationReports(Input.InformationReportStepDueDays ?? 0, clock.UtcNow);
        settings.ChangeContractReviews(Input.ContractReviewStepDueDays ?? 0, clock.UtcNow);
        settings.ChangeAccessRequests(Input.AccessRequestDefaultDays ?? settings.AccessRequestDefaultDays, Input.AccessRequestMaxDays ?? settings.AccessRequestMaxDays,
            clock.UtcNow);
        settings.ChangeDocuments(Input.DocumentMaxFileMegabytes ?? 0, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Settings.Saved"].Value;
        return RedirectToPage();
    }
}
