using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Evaluations;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>What the evaluation page's forms post: the sections of a draft, and the text of a step.</summary>
public sealed class EvaluationInput
{
    [Display(Name = "Evaluations.CreditStanding")] public string? CreditStanding { get; set; }
    [Display(Name = "Evaluations.ProjectFeasibility")] public string? ProjectFeasibility { get; set; }
    [Display(Name = "Evaluations.ApplicablePolicies")] public string? ApplicablePolicies { get; set; }
    [Display(Name = "Evaluations.DevelopmentCostCny")] public decimal? DevelopmentCostCny { get; set; }
    [Display(Name = "Evaluations.Risk")] public RiskLevel? Risk { get; set; }
    [Display(Name = "Evaluations.RiskReasons")] public string? RiskReasons { get; set; }
    [Display(Name = "Evaluations.Recommendation")] public string? Recommendation { get; set; }

    /// <summary>The head's reason for returning a draft.</summary>
    [Display(Name = "Evaluations.ReturnReason")] public string? ReturnReason { get; set; }

    [Display(Name = "Evaluations.HeadOpinion")] public string? HeadOpinion { get; set; }
    [Display(Name = "Evaluations.DecisionMinutes")] public string? DecisionMinutes { get; set; }
    [Display(Name = "Evaluations.DecisionParticipants")] public string? DecisionParticipants { get; set; }
    [Display(Name = "Evaluations.Note")] public string? Note { get; set; }

    /// <summary>The version the page showed: a step taken by someone else since makes the post a conflict, not an overwrite.</summary>
    public uint Version { get; set; }

    public EvaluationSections ToSections() => new()
    {
        CreditStanding = CreditStanding, ProjectFeasibility = ProjectFeasibility, ApplicablePolicies = ApplicablePolicies,
        DevelopmentCostCny = DevelopmentCostCny, Risk = Risk, RiskReasons = RiskReasons, Recommendation = Recommendation,
    };

    public static EvaluationInput From(ClientEvaluation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            CreditStanding = e.CreditStanding, ProjectFeasibility = e.ProjectFeasibility, ApplicablePolicies = e.ApplicablePolicies,
            DevelopmentCostCny = e.DevelopmentCostCny, Risk = e.Risk, RiskReasons = e.RiskReasons, Recommendation = e.Recommendation,
            Version = e.Version,
        };
    }

    /// <summary>The input field a refusal of the domain concerns (its <c>Field</c> is the entity's property, which the input shares).</summary>
    public static string? FieldOf(string? domainField) => domainField switch
    {
        null => null,
        "Comment" => null,
        _ => typeof(EvaluationInput).GetProperty(domainField) is not null ? domainField : null,
    };
}

/// <summary>Lengths and ranges, checked before the domain sees the input; the domain checks what each step requires.</summary>
public sealed class EvaluationInputValidator : AbstractValidator<EvaluationInput>
{
    public EvaluationInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var text in new System.Linq.Expressions.Expression<Func<EvaluationInput, string?>>[]
                 {
                     i => i.CreditStanding, i => i.ProjectFeasibility, i => i.ApplicablePolicies, i => i.RiskReasons, i => i.Recommendation,
                     i => i.ReturnReason, i => i.HeadOpinion, i => i.DecisionMinutes, i => i.Note,
                 })
        {
            RuleFor(text).MaximumLength(ClientEvaluation.MaxTextLength).WithMessage(_ => l["Validation.MaxLength", ClientEvaluation.MaxTextLength]);
        }

        RuleFor(i => i.DecisionParticipants).MaximumLength(1000).WithMessage(_ => l["Validation.MaxLength", 1000]);
        RuleFor(i => i.DevelopmentCostCny).InclusiveBetween(0m, ClientEvaluation.MaxDevelopmentCostCny - 0.01m)
            .WithMessage(_ => l["Evaluations.CostOutOfRange"]);
        RuleFor(i => i.Risk).IsInEnum().WithMessage(_ => l["Evaluations.RiskUnknown"]);
    }
}
