using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Warnings;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>The steps a person takes on a warning's page; each is one form and one handler.</summary>
public enum WarningStep
{
    Acknowledge,
    Investigate,
    Resolve,
    Dismiss,
    Report,
    Note,
}

/// <summary>
/// What the forms of the warning page post. Each form posts only its own fields; <see cref="Version"/> is the row version
/// the user saw, so a step taken on a warning someone else changed meanwhile is refused instead of overwriting theirs.
/// </summary>
public sealed class WarningStepInput
{
    public uint Version { get; set; }

    [Display(Name = "Warnings.Actions")] public string? Actions { get; set; }
    [Display(Name = "Warnings.InvestigationNote")] public string? InvestigationNote { get; set; }
    [Display(Name = "Warnings.Cause")] public string? Cause { get; set; }
    [Display(Name = "Warnings.Measures")] public string? Measures { get; set; }
    [Display(Name = "Warnings.DismissReason")] public string? DismissReason { get; set; }
    [Display(Name = "Warnings.Report")] public string? Report { get; set; }
    [Display(Name = "Warnings.Note")] public string? Note { get; set; }

    /// <summary>What the user typed for <paramref name="step"/>, for showing it again when the step could not be saved.</summary>
    public string? TextOf(WarningStep step) => step switch
    {
        WarningStep.Acknowledge => Actions,
        WarningStep.Investigate => InvestigationNote,
        WarningStep.Resolve => string.Join("\n\n", new[] { Cause, Measures }.Where(t => !string.IsNullOrWhiteSpace(t))),
        WarningStep.Dismiss => DismissReason,
        WarningStep.Report => Report,
        _ => Note,
    };

    /// <summary>The form field a refusal of the domain belongs next to; empty for a refusal of the whole step.</summary>
    public static string FieldOf(string code, WarningStep step) => code switch
    {
        "Warnings.ActionsRequired" => nameof(Actions),
        "Warnings.CauseRequired" => nameof(Cause),
        "Warnings.MeasuresRequired" => nameof(Measures),
        "Warnings.DismissReasonRequired" => nameof(DismissReason),
        "Warnings.ReportRequired" or "Warnings.ReportTooLong" => nameof(Report),
        "Warnings.NoteRequired" => nameof(Note),
        "Warnings.TextTooLong" => step switch
        {
            WarningStep.Acknowledge => nameof(Actions),
            WarningStep.Investigate => nameof(InvestigationNote),
            WarningStep.Dismiss => nameof(DismissReason),
            WarningStep.Note => nameof(Note),
            _ => "",
        },
        _ => "",
    };
}

/// <summary>
/// The rules of <see cref="Warning"/>'s steps, one rule set per step, checked first so that every missing text is named next
/// to its field at once (the domain stops at the first).
/// </summary>
public sealed class WarningStepInputValidator : AbstractValidator<WarningStepInput>
{
    public WarningStepInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleSet(nameof(WarningStep.Acknowledge), () => Required(x => x.Actions, l["Warnings.ActionsRequired"], l["Warnings.TextTooLong"]));
        RuleSet(nameof(WarningStep.Investigate), () => NotTooLong(x => x.InvestigationNote, l["Warnings.TextTooLong"]));
        RuleSet(nameof(WarningStep.Resolve), () =>
        {
            Required(x => x.Cause, l["Warnings.CauseRequired"], l["Warnings.TextTooLong"]);
            Required(x => x.Measures, l["Warnings.MeasuresRequired"], l["Warnings.TextTooLong"]);
        });
        RuleSet(nameof(WarningStep.Dismiss), () => Required(x => x.DismissReason, l["Warnings.DismissReasonRequired"], l["Warnings.TextTooLong"]));
        RuleSet(nameof(WarningStep.Report), () => Required(x => x.Report, l["Warnings.ReportRequired"], l["Warnings.ReportTooLong"]));
        RuleSet(nameof(WarningStep.Note), () => Required(x => x.Note, l["Warnings.NoteRequired"], l["Warnings.TextTooLong"]));
    }

    private void Required(System.Linq.Expressions.Expression<Func<WarningStepInput, string?>> field, string missing, string tooLong)
    {
        RuleFor(field).NotEmpty().WithMessage(missing);
        NotTooLong(field, tooLong);
    }

    private void NotTooLong(System.Linq.Expressions.Expression<Func<WarningStepInput, string?>> field, string tooLong) =>
        RuleFor(field).Must(v => v is null || v.Trim().Length <= Warning.MaxTextLength).WithMessage(tooLong);
}
