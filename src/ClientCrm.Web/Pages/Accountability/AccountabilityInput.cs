using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Accountability;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Accountability;

/// <summary>
/// What the accountability pages post: the incident of a case opened by hand, the report with its rows, and the text of each
/// step. Named as the domain names them; a row left wholly blank is no row.
/// </summary>
public sealed class AccountabilityInput
{
    [Display(Name = "Accountability.Incident")] public string? Incident { get; set; }
    [Display(Name = "Accountability.CourseOfEvents")] public string? CourseOfEvents { get; set; }
    [Display(Name = "Accountability.Causes")] public string? Causes { get; set; }
    [Display(Name = "Accountability.Market")] public bool Market { get; set; }
    [Display(Name = "Accountability.WorkError")] public bool WorkError { get; set; }
    public List<CountermeasureRow> Countermeasures { get; set; } = [];
    public List<PersonRow> Persons { get; set; } = [];
    [Display(Name = "Accountability.ReturnReason")] public string? ReturnReason { get; set; }
    [Display(Name = "Accountability.LeaderDecision")] public string? LeaderDecision { get; set; }
    [Display(Name = "Accountability.CloseComment")] public string? CloseComment { get; set; }
    [Display(Name = "Accountability.Note")] public string? Note { get; set; }

    public uint Version { get; set; }

    public AccountabilityCauseKind CauseKind =>
        (Market ? AccountabilityCauseKind.Market : AccountabilityCauseKind.None) | (WorkError ? AccountabilityCauseKind.WorkError : AccountabilityCauseKind.None);

    /// <summary>The form's rows from a saved report, so a returned report is revised rather than typed again.</summary>
    public void FillFrom(AccountabilityCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        (CourseOfEvents, Causes) = (c.CourseOfEvents, c.Causes);
        (Market, WorkError) = (c.CauseKind.HasFlag(AccountabilityCauseKind.Market), c.CauseKind.HasFlag(AccountabilityCauseKind.WorkError));
        Countermeasures = c.Countermeasures.OrderBy(m => m.Position).Select(m => new CountermeasureRow { Action = m.Action, OwnerName = m.OwnerName, DueOn = m.DueOn }).ToList();
        Persons = c.Persons.OrderBy(p => p.Position).Select(p => new PersonRow { Name = p.Name, Role = p.Role, PenaltyId = p.PenaltyId }).ToList();
    }
}

public sealed class CountermeasureRow
{
    public string? Action { get; set; }
    public string? OwnerName { get; set; }
    public DateOnly? DueOn { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Action) && string.IsNullOrWhiteSpace(OwnerName) && DueOn is null;
}

public sealed class PersonRow
{
    public string? Name { get; set; }
    public PersonConcernedRole? Role { get; set; }
    public int? PenaltyId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && Role is null && PenaltyId is null;
}

/// <summary>Lengths and row counts, checked before the domain sees them; each step's requirements are the domain's.</summary>
public sealed class AccountabilityInputValidator : AbstractValidator<AccountabilityInput>
{
    public AccountabilityInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var text in new System.Linq.Expressions.Expression<Func<AccountabilityInput, string?>>[]
                 {
                     i => i.Incident, i => i.CourseOfEvents, i => i.Causes, i => i.ReturnReason, i => i.LeaderDecision, i => i.CloseComment, i => i.Note,
                 })
        {
            RuleFor(text).MaximumLength(AccountabilityCase.MaxTextLength).WithMessage(_ => l["Validation.MaxLength", AccountabilityCase.MaxTextLength]);
        }

        RuleFor(i => i.Countermeasures.Count).LessThanOrEqualTo(AccountabilityCase.MaxRows).OverridePropertyName(nameof(AccountabilityInput.Countermeasures))
            .WithMessage(_ => l["Accountability.TooManyRows"]);
        RuleFor(i => i.Persons.Count).LessThanOrEqualTo(AccountabilityCase.MaxRows).OverridePropertyName(nameof(AccountabilityInput.Persons))
            .WithMessage(_ => l["Accountability.TooManyRows"]);
        RuleForEach(i => i.Countermeasures).ChildRules(row =>
        {
            row.RuleFor(r => r.Action).MaximumLength(AccountabilityCase.MaxTextLength).WithMessage(_ => l["Validation.MaxLength", AccountabilityCase.MaxTextLength]);
            row.RuleFor(r => r.OwnerName).MaximumLength(AccountabilityCase.MaxNameLength).WithMessage(_ => l["Validation.MaxLength", AccountabilityCase.MaxNameLength]);
            row.RuleFor(r => r.DueOn).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31)).WithMessage(_ => l["Complaints.DateOutOfRange"]);
        });
        RuleForEach(i => i.Persons).ChildRules(row =>
        {
            row.RuleFor(r => r.Name).MaximumLength(AccountabilityCase.MaxNameLength).WithMessage(_ => l["Validation.MaxLength", AccountabilityCase.MaxNameLength]);
            row.RuleFor(r => r.Role).IsInEnum().WithMessage(_ => l["Accountability.PersonRoleRequired"]);
        });
    }
}
