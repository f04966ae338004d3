using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Principals;

/// <summary>The principal card (客户负责人资料卡) as the forms post it.</summary>
public sealed class PrincipalInput
{
    [Display(Name = "Principal.Name")] public string? Name { get; set; }
    [Display(Name = "Principal.Title")] public string? Title { get; set; }
    [Display(Name = "Principal.Gender")] public Gender? Gender { get; set; }
    [Display(Name = "Principal.Birthday")][DataType(DataType.Date)] public DateOnly? Birthday { get; set; }
    [Display(Name = "Principal.Phone")] public string? Phone { get; set; }
    [Display(Name = "Principal.Email")] public string? Email { get; set; }
    [Display(Name = "Principal.MessagingId")] public string? MessagingId { get; set; }
    [Display(Name = "Principal.Languages")] public string? Languages { get; set; }
    [Display(Name = "Principal.Family")] public string? Family { get; set; }
    [Display(Name = "Principal.Hobbies")] public string? Hobbies { get; set; }
    [Display(Name = "Principal.Personality")] public string? Personality { get; set; }
    [Display(Name = "Principal.DecisionRole")] public DecisionRole? DecisionRole { get; set; }
    [Display(Name = "Principal.Notes")] public string? Notes { get; set; }

    public PrincipalCard ToCard() => new()
    {
        Name = Name!, Title = Title, Gender = Gender, Birthday = Birthday, Phone = Phone, Email = Email,
        MessagingId = MessagingId, Languages = Languages, Family = Family, Hobbies = Hobbies, Personality = Personality,
        DecisionRole = DecisionRole, Notes = Notes,
    };

    public static PrincipalInput From(Principal p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Name = p.Name, Title = p.Title, Gender = p.Gender, Birthday = p.Birthday, Phone = p.Phone, Email = p.Email,
            MessagingId = p.MessagingId, Languages = p.Languages, Family = p.Family, Hobbies = p.Hobbies,
            Personality = p.Personality, DecisionRole = p.DecisionRole, Notes = p.Notes,
        };
    }
}

public sealed class PrincipalInputValidator : AbstractValidator<PrincipalInput>
{
    public PrincipalInputValidator(IStringLocalizer<SharedResource> l, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Title).MaximumLength(200);
        RuleFor(x => x.Gender).IsInEnum();
        RuleFor(x => x.Birthday)
            .Must(b => b is null || (b.Value.Year >= 1900 && b.Value <= clock.Today))
            .WithMessage(l["Validation.Birthday"]);
        RuleFor(x => x.Phone).MaximumLength(50).Must(ClientInputValidator.BeAPhone).WithMessage(l["Validation.Phone"]);
        RuleFor(x => x.Email).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage(l["Validation.Email"]);
        RuleFor(x => x.MessagingId).MaximumLength(100);
        RuleFor(x => x.Languages).MaximumLength(200);
        RuleFor(x => x.Family).MaximumLength(1000);
        RuleFor(x => x.Hobbies).MaximumLength(1000);
        RuleFor(x => x.Personality).MaximumLength(1000);
        RuleFor(x => x.DecisionRole).IsInEnum();
        RuleFor(x => x.Notes).MaximumLength(2000);
    }
}
