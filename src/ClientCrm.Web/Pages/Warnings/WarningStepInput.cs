using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Warnings;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Warnings;

/// <summary>
/// What the forms of the warning page post. Each form posts only its own fields; <see cref="Version"/> is the row version
/// the user saw, so a step taken on a warning someone else changed meanwhile is refused instead of overwriting theirs. The
/// fields are named as the domain names them (<see cref="WarningTexts"/>), so a refusal lands next to its field by itself.
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

    public WarningTexts ToTexts() => new(Actions, InvestigationNote, Cause, Measures, DismissReason, Report, Note);

    /// <summary>What the user typed for <paramref name="action"/>, for showing it again when the step could not be saved.</summary>
    public string? TextOf(WarningAction action) => action switch
    {
        WarningAction.Acknowledge => Actions,
        WarningAction.Investigate => InvestigationNote,
        WarningAction.Resolve => string.Join("\n\n", new[] { Cause, Measures }.Where(t => !string.IsNullOrWhiteSpace(t))),
        WarningAction.Dismiss => DismissReason,
        WarningAction.Report => Report,
        _ => Note,
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
        RuleSet(nameof(WarningAction.Acknowledge), () => Required(x => x.Actions, l["Warnings.ActionsRequired"], l["Warnings.TextTooLong"]));
        RuleSet(nameof(WarningAction.Investigate), () => NotTooLong(x => x.InvestigationNote, l["Warnings.TextTooLong"]));
        RuleSet(nameof(WarningAction.Resolve), () =>
        {
            Required(x => x.Cause, l["Warnings.CauseRequired"], l["Warnings.TextTooLong"]);
            Required(x => x.Measures, l["Warnings.MeasuresRequired"], l["Warnings.TextTooLong"]);
        });
        RuleSet(nameof(WarningAction.Dismiss), () => Required(x => x.DismissReason, l["Warnings.DismissReasonRequired"], l["Warnings.TextTooLong"]));
        RuleSet(nameof(WarningAction.Report), () => Required(x => x.Report, l["Warnings.ReportRequired"], l["Warnings.ReportTooLong"]));
        RuleSet(nameof(WarningAction.Note), () => Required(x => x.Note, l["Warnings.NoteRequired"], l["Warnings.TextTooLong"]));
    }

    private void Required(System.Linq.Expressions.Expression<Func<WarningStepInput, string?>> field, string missing, string tooLong)
    {
        RuleFor(field).NotEmpty().WithMessage(missing);
        NotTooLong(field, tooLong);
    }

    private void NotTooLong(System.Linq.Expressions.Expression<Func<WarningStepInput, string?>> field, string tooLong) =>
        RuleFor(field).Must(v => v is null || v.Trim().Length <= Warning.MaxTextLength).WithMessage(tooLong);
}
