using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Workflows;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>The workflow settings form: each workflow's due days (SPEC §5), named as the settings row names them.</summary>
public sealed class WorkflowSettingsInput
{
    [Display(Name = "WorkflowSettings.EvaluationStepDueDays")] public int? EvaluationStepDueDays { get; set; }
    [Display(Name = "WorkflowSettings.PauseNeedsNewEvaluationDays")] public int? PauseNeedsNewEvaluationDays { get; set; }
    [Display(Name = "WorkflowSettings.ComplaintStepDueDays")] public int? ComplaintStepDueDays { get; set; }
    [Display(Name = "WorkflowSettings.AccountabilityReportDueDays")] public int? AccountabilityReportDueDays { get; set; }
    [Display(Name = "WorkflowSettings.AccountabilityStepDueDays")] public int? AccountabilityStepDueDays { get; set; }
    [Display(Name = "WorkflowSettings.InformationReportStepDueDays")] public int? InformationReportStepDueDays { get; set; }
    [Display(Name = "WorkflowSettings.ContractReviewStepDueDays")] public int? ContractReviewStepDueDays { get; set; }
    [Display(Name = "WorkflowSettings.AccessRequestDefaultDays")] public int? AccessRequestDefaultDays { get; set; }
    [Display(Name = "WorkflowSettings.AccessRequestMaxDays")] public int? AccessRequestMaxDays { get; set; }
    [Display(Name = "WorkflowSettings.DocumentMaxFileMegabytes")] public int? DocumentMaxFileMegabytes { get; set; }

    public static WorkflowSettingsInput From(WorkflowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            EvaluationStepDueDays = settings.EvaluationStepDueDays, PauseNeedsNewEvaluationDays = settings.PauseNeedsNewEvaluationDays,
            ComplaintStepDueDays = settings.ComplaintStepDueDays,
            AccountabilityReportDueDays = settings.AccountabilityReportDueDays, AccountabilityStepDueDays = settings.AccountabilityStepDueDays,
            InformationReportStepDueDays = settings.InformationReportStepDueDays,
            ContractReviewStepDueDays = settings.ContractReviewStepDueDays,
            AccessRequestDefaultDays = settings.AccessRequestDefaultDays, AccessRequestMaxDays = settings.AccessRequestMaxDays,
            DocumentMaxFileMegabytes = settings.DocumentMaxFileMegabytes,
        };
    }

    public EvaluationSettings ToEvaluation() => new()
    {
        StepDueDays = EvaluationStepDueDays ?? 0, PauseNeedsNewEvaluationDays = PauseNeedsNewEvaluationDays ?? 0,
    };
}

public sealed class WorkflowSettingsInputValidator : AbstractValidator<WorkflowSettingsInput>
{
    public WorkflowSettingsInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        // Every setting here is a number of days, within the same bounds.
        Expression<Func<WorkflowSettingsInput, int?>>[] days =
        [
            i => i.EvaluationStepDueDays, i => i.PauseNeedsNewEvaluationDays, i => i.ComplaintStepDueDays,
            i => i.AccountabilityReportDueDays, i => i.AccountabilityStepDueDays, i => i.InformationReportStepDueDays, i => i.ContractReviewStepDueDays,
        ];
        foreach (var field in days)
        {
            RuleFor(field).NotNull().InclusiveBetween(1, WorkflowSettings.MaxDays).WithMessage(_ => l["WorkflowSettings.DaysOutOfRange"]);
        }

        // Access requests' periods (issue 13): at most 30 days; left out of a post, they stay as they are.
        RuleFor(i => i.AccessRequestMaxDays).InclusiveBetween(1, Domain.Dossier.AccessRequest.LongestDays).WithMessage(_ => l["WorkflowSettings.AccessDaysOutOfRange"]);
        RuleFor(i => i.AccessRequestDefaultDays).InclusiveBetween(1, Domain.Dossier.AccessRequest.LongestDays).WithMessage(_ => l["WorkflowSettings.AccessDefaultOutOfRange"]);
        RuleFor(i => i.DocumentMaxFileMegabytes).NotNull().InclusiveBetween(1, WorkflowSettings.MaxDocumentFileMegabytes)
            .WithMessage(_ => l["WorkflowSettings.MegabytesOutOfRange"]);
    }
}
