using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Warnings;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Warnings;

/// <summary>
/// A warning filed by hand (人工填报): what staff saw that the rules cannot see. The fields are named as <see cref="Warning.File"/>
/// names them in its refusals, so each refusal lands next to its field.
/// </summary>
public sealed class FileWarningInput
{
    [Display(Name = "Warnings.Family")] public WarningFamily? Family { get; set; }
    [Display(Name = "Warnings.Summary")] public string? Summary { get; set; }
    [Display(Name = "Warnings.Report")] public string? Report { get; set; }
}

/// <summary>The rules of <see cref="Warning.File"/>, checked first so each message lands next to its field.</summary>
public sealed class FileWarningInputValidator : AbstractValidator<FileWarningInput>
{
    public FileWarningInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.Family).NotNull().WithMessage(l["Warnings.FamilyRequired"]).IsInEnum().WithMessage(l["Warnings.FamilyRequired"]);
        RuleFor(x => x.Summary).NotEmpty().WithMessage(l["Warnings.SummaryRequired"])
            .Must(s => s is null || s.Trim().Length <= Warning.MaxSummaryLength).WithMessage(l["Warnings.SummaryTooLong"]);
        RuleFor(x => x.Report).Must(r => r is null || r.Trim().Length <= Warning.MaxTextLength).WithMessage(l["Warnings.ReportTooLong"]);
    }
}
