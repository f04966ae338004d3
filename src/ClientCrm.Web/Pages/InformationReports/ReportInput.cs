using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.InformationReports;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.InformationReports;

/// <summary>What the report pages post: the report as written, and the text of each step. Named as the domain names them.</summary>
public sealed class ReportInput
{
    [Display(Name = "InformationReports.Category")] public InformationCategory? Category { get; set; }
    [Display(Name = "InformationReports.Content")] public string? Content { get; set; }
    [Display(Name = "InformationReports.Source")] public string? Source { get; set; }
    [Display(Name = "InformationReports.LearnedOn")] public DateOnly? LearnedOn { get; set; }
    [Display(Name = "InformationReports.ProspectName")] public string? ProspectName { get; set; }
    [Display(Name = "InformationReports.ProspectCountryCode")] public string? ProspectCountryCode { get; set; }
    [Display(Name = "InformationReports.ForwardComment")] public string? ForwardComment { get; set; }
    [Display(Name = "InformationReports.Instruction")] public string? Instruction { get; set; }
    [Display(Name = "InformationReports.Note")] public string? Note { get; set; }
    [Display(Name = "InformationReports.LinkClientId")] public Guid? LinkClientId { get; set; }

    public uint Version { get; set; }

    public ReportFacts Facts => new(Category ?? 0, Content, Source, LearnedOn);
}

/// <summary>Lengths, dates and choices, checked before the domain sees them; each step's requirements are the domain's.</summary>
public sealed class ReportInputValidator : AbstractValidator<ReportInput>
{
    public ReportInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var text in new System.Linq.Expressions.Expression<Func<ReportInput, string?>>[]
                 {
                     i => i.Content, i => i.ForwardComment, i => i.Instruction, i => i.Note,
                 })
        {
            RuleFor(text).MaximumLength(InformationReport.MaxTextLength).WithMessage(_ => l["Validation.MaxLength", InformationReport.MaxTextLength]);
        }

        RuleFor(i => i.Source).MaximumLength(InformationReport.MaxSourceLength).WithMessage(_ => l["Validation.MaxLength", InformationReport.MaxSourceLength]);
        RuleFor(i => i.ProspectName).MaximumLength(InformationReport.MaxProspectNameLength)
            .WithMessage(_ => l["Validation.MaxLength", InformationReport.MaxProspectNameLength]);
        RuleFor(i => i.ProspectCountryCode).Must(c => string.IsNullOrEmpty(c) || Countries.IsKnown(c))
            .WithMessage(_ => l["InformationReports.ProspectCountryRequired"]);
        RuleFor(i => i.Category).IsInEnum().WithMessage(_ => l["InformationReports.CategoryRequired"]);
        RuleFor(i => i.LearnedOn).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31)).WithMessage(_ => l["Complaints.DateOutOfRange"]);
    }
}
