using System.ComponentModel.DataAnnotations;
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
    [Display(Name = "WorkflowSettings.ContractReviewStepDueDays")] public int? ContractReviewStepDueDays { get; set; }

    public static WorkflowSettingsInput From(WorkflowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            EvaluationStepDueDays = settings.EvaluationStepDueDays, PauseNeedsNewEvaluationDays = settings.PauseNeedsNewEvaluationDays,
            ComplaintStepDueDays = settings.ComplaintStepDueDays,
            ContractReviewStepDueDays = settings.ContractReviewStepDueDays,
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
        RuleFor(i => i.EvaluationStepDueDays).NotNull()
            .InclusiveBetween(1, WorkflowSettings.MaxDays).WithMessage(_ => l["WorkflowSettings.DaysOutOfRange"]);
        RuleFor(i => i.PauseNeedsNewEvaluationDays).NotNull()
            .InclusiveBetween(1, WorkflowSettings.MaxDays).WithMessage(_ => l["WorkflowSettings.DaysOutOfRange"]);
        RuleFor(i => i.ComplaintStepDueDays).NotNull()
            .InclusiveBetween(1, WorkflowSettings.MaxDays).WithMessage(_ => l["WorkflowSettings.DaysOutOfRange"]);
        RuleFor(i => i.ContractReviewStepDueDays).NotNull()
            .InclusiveBetween(1, WorkflowSettings.MaxDays).WithMessage(_ => l["WorkflowSettings.DaysOutOfRange"]);
    }
}
