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

        RuleFor(i => i.DocumentMaxFileMegabytes).NotNull().InclusiveBetween(1, WorkflowSettings.MaxDocumentFileMegabytes)
            .WithMessage(_ => l["WorkflowSettings.MegabytesOutOfRange"]);
    }
}
