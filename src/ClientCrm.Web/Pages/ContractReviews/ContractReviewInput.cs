using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.ContractReviews;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.ContractReviews;

/// <summary>What the contract review's forms post: the sections of a draft, a reviewer's opinion, and the text of a step.</summary>
public sealed class ContractReviewInput
{
    [Display(Name = "ContractReviews.JobTypes")] public string? JobTypes { get; set; }
    [Display(Name = "ContractReviews.Headcount")] public int? Headcount { get; set; }
    [Display(Name = "ContractReviews.Qualifications")] public string? Qualifications { get; set; }
    [Display(Name = "ContractReviews.Schedule")] public string? Schedule { get; set; }
    [Display(Name = "ContractReviews.Pay")] public string? Pay { get; set; }
    [Display(Name = "ContractReviews.RecruitmentSources")] public string? RecruitmentSources { get; set; }
    [Display(Name = "ContractReviews.Training")] public string? Training { get; set; }
    [Display(Name = "ContractReviews.Timeline")] public string? Timeline { get; set; }

    [Display(Name = "ContractReviews.Verdict")] public OpinionVerdict? Verdict { get; set; }
    [Display(Name = "ContractReviews.OpinionText")] public string? OpinionText { get; set; }
    [Display(Name = "ContractReviews.ReturnReason")] public string? ReturnReason { get; set; }
    [Display(Name = "ContractReviews.DecisionText")] public string? DecisionText { get; set; }
    [Display(Name = "ContractReviews.Conditions")] public string? Conditions { get; set; }
    [Display(Name = "ContractReviews.RejectReason")] public string? RejectReason { get; set; }
    [Display(Name = "Evaluations.Note")] public string? Note { get; set; }

    /// <summary>The version the page showed: a step taken by someone else since makes the post a conflict, not an overwrite.</summary>
    public uint Version { get; set; }

    public ContractReviewSections ToSections() => new()
    {
        JobTypes = JobTypes, Headcount = Headcount, Qualifications = Qualifications, Schedule = Schedule, Pay = Pay,
        RecruitmentSources = RecruitmentSources, Training = Training, Timeline = Timeline,
    };

    public static ContractReviewInput From(ContractReviewSections s, uint version = 0)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            JobTypes = s.JobTypes, Headcount = s.Headcount, Qualifications = s.Qualifications, Schedule = s.Schedule, Pay = s.Pay,
            RecruitmentSources = s.RecruitmentSources, Training = s.Training, Timeline = s.Timeline, Version = version,
        };
    }

    /// <summary>The text fields of the sections, in the order of the form (requirements, then capability).</summary>
    public static IReadOnlyList<string> RequirementFields { get; } = [nameof(JobTypes), nameof(Qualifications), nameof(Schedule), nameof(Pay)];

    public static IReadOnlyList<string> CapabilityFields { get; } = [nameof(RecruitmentSources), nameof(Training), nameof(Timeline)];
}

/// <summary>Lengths and ranges, checked before the domain sees the input; the domain checks what each step requires.</summary>
public sealed class ContractReviewInputValidator : AbstractValidator<ContractReviewInput>
{
    public ContractReviewInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var text in new System.Linq.Expressions.Expression<Func<ContractReviewInput, string?>>[]
                 {
                     i => i.JobTypes, i => i.Qualifications, i => i.Schedule, i => i.Pay, i => i.RecruitmentSources, i => i.Training, i => i.Timeline,
                     i => i.OpinionText, i => i.ReturnReason, i => i.DecisionText, i => i.Conditions, i => i.RejectReason, i => i.Note,
                 })
        {
            RuleFor(text).MaximumLength(ContractReview.MaxTextLength).WithMessage(_ => l["Validation.MaxLength", ContractReview.MaxTextLength]);
        }

        RuleFor(i => i.Headcount).InclusiveBetween(1, ContractReview.MaxHeadcount).WithMessage(_ => l["ContractReviews.HeadcountOutOfRange"]);
        RuleFor(i => i.Verdict).IsInEnum().WithMessage(_ => l["ContractReviews.VerdictRequired"]);
    }
}
