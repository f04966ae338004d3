using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Complaints;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Complaints;

/// <summary>What the complaint pages post: the complaint as recorded, and the text of each step. Named as the domain names them.</summary>
public sealed class ComplaintInput
{
    [Display(Name = "Complaints.ReceivedOn")] public DateOnly? ReceivedOn { get; set; }
    [Display(Name = "Complaints.Channel")] public ComplaintChannel? Channel { get; set; }
    [Display(Name = "Complaints.Nature")] public ComplaintNature? Nature { get; set; }
    [Display(Name = "Complaints.Content")] public string? Content { get; set; }
    [Display(Name = "Complaints.Findings")] public string? Findings { get; set; }
    [Display(Name = "Complaints.ResponsibleDepartmentId")] public int? ResponsibleDepartmentId { get; set; }
    [Display(Name = "Complaints.ResponsiblePerson")] public string? ResponsiblePerson { get; set; }
    [Display(Name = "Complaints.LeaderInstruction")] public string? LeaderInstruction { get; set; }
    [Display(Name = "Complaints.CorrectiveAction")] public string? CorrectiveAction { get; set; }
    [Display(Name = "Complaints.Penalty")] public string? Penalty { get; set; }
    [Display(Name = "Complaints.ClientNotifiedOn")] public DateOnly? ClientNotifiedOn { get; set; }
    [Display(Name = "Complaints.NotifiedHow")] public string? NotifiedHow { get; set; }
    [Display(Name = "Complaints.Note")] public string? Note { get; set; }

    public uint Version { get; set; }
}

/// <summary>Lengths, dates and choices, checked before the domain sees them; each step's requirements are the domain's.</summary>
public sealed class ComplaintInputValidator : AbstractValidator<ComplaintInput>
{
    public ComplaintInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var text in new System.Linq.Expressions.Expression<Func<ComplaintInput, string?>>[]
                 {
                     i => i.Content, i => i.Findings, i => i.LeaderInstruction, i => i.CorrectiveAction, i => i.Penalty, i => i.NotifiedHow, i => i.Note,
                 })
        {
            RuleFor(text).MaximumLength(Complaint.MaxTextLength).WithMessage(_ => l["Validation.MaxLength", Complaint.MaxTextLength]);
        }

        RuleFor(i => i.ResponsiblePerson).MaximumLength(Complaint.MaxNameLength).WithMessage(_ => l["Validation.MaxLength", Complaint.MaxNameLength]);
        RuleFor(i => i.Channel).IsInEnum().WithMessage(_ => l["Complaints.ChannelRequired"]);
        RuleFor(i => i.Nature).IsInEnum().WithMessage(_ => l["Complaints.NatureRequired"]);
        RuleFor(i => i.ReceivedOn).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31)).WithMessage(_ => l["Complaints.DateOutOfRange"]);
        RuleFor(i => i.ClientNotifiedOn).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31)).WithMessage(_ => l["Complaints.DateOutOfRange"]);
    }
}
