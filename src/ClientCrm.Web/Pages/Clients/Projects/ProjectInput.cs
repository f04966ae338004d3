using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects;

/// <summary>A cooperation project / recruitment batch (合作项目/招聘批次) as the create and edit forms post it.</summary>
public sealed class ProjectInput
{
    [Display(Name = "Project.Name")] public string? Name { get; set; }
    [Display(Name = "Project.JobTypes")] public string? JobTypes { get; set; }
    [Display(Name = "Project.WorkCountry")] public string? WorkCountryCode { get; set; }
    [Display(Name = "Project.WorkersRequested")] public int? WorkersRequested { get; set; }
    [Display(Name = "Project.WorkersDispatched")] public int? WorkersDispatched { get; set; }
    [Display(Name = "Project.ContractAmount")] public decimal? ContractAmount { get; set; }
    [Display(Name = "Project.Currency")] public string? Currency { get; set; }
    [Display(Name = "Project.ContractSignedOn")][DataType(DataType.Date)] public DateOnly? ContractSignedOn { get; set; }
    [Display(Name = "Project.DepartureOn")][DataType(DataType.Date)] public DateOnly? DepartureOn { get; set; }
    [Display(Name = "Project.ContractEndOn")][DataType(DataType.Date)] public DateOnly? ContractEndOn { get; set; }
    [Display(Name = "Project.Status")] public ProjectStatus? Status { get; set; }
    [Display(Name = "Project.Notes")] public string? Notes { get; set; }

    /// <summary>Upper-case currency code, or null when none was chosen.</summary>
    public string? CurrencyCode => string.IsNullOrWhiteSpace(Currency) ? null : Currency.Trim().ToUpperInvariant();

    public ProjectTerms ToTerms() => new()
    {
        Name = Name!,
        JobTypes = JobTypes,
        WorkCountryCode = WorkCountryCode!,
        WorkersRequested = WorkersRequested ?? 0,
        WorkersDispatched = WorkersDispatched ?? 0,
        ContractAmount = ContractAmount,
        Currency = ContractAmount is null ? null : CurrencyCode,
        ContractSignedOn = ContractSignedOn,
        DepartureOn = DepartureOn,
        ContractEndOn = ContractEndOn,
        Status = Status ?? ProjectStatus.Negotiating,
        Notes = Notes,
    };

    public static ProjectInput From(CooperationProject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Name = p.Name, JobTypes = p.JobTypes, WorkCountryCode = p.WorkCountryCode, WorkersRequested = p.WorkersRequested,
            WorkersDispatched = p.WorkersDispatched, ContractAmount = p.ContractAmount, Currency = p.Currency,
            ContractSignedOn = p.ContractSignedOn, DepartureOn = p.DepartureOn, ContractEndOn = p.ContractEndOn, Status = p.Status,
            Notes = p.Notes,
        };
    }

    /// <summary>The form field a domain refusal belongs next to; empty for a refusal of the whole form.</summary>
    public static string FieldOf(string code) => code switch
    {
        "Project.NameRequired" => nameof(Name),
        "Client.UnknownCountry" => nameof(WorkCountryCode),
        "Project.NegativeWorkers" or "Project.DispatchedOverRequested" => nameof(WorkersDispatched),
        "Project.DatesOutOfOrder" => nameof(ContractEndOn),
        "Project.SignedDateRequired" => nameof(ContractSignedOn),
        "Project.DispatchRequired" => nameof(DepartureOn),
        "Project.NegativeAmount" => nameof(ContractAmount),
        "Project.CurrencyRequired" or "Project.NoRate" => nameof(Currency),
        _ => "",
    };
}

/// <summary>
/// The rules of <see cref="CooperationProject"/>, checked first so each message lands next to its field. Whether the
/// currency has a rate is checked by the page, which needs the rate itself.
/// </summary>
public sealed class ProjectInputValidator : AbstractValidator<ProjectInput>
{
    public ProjectInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
        RuleFor(x => x.JobTypes).MaximumLength(500);
        RuleFor(x => x.WorkCountryCode).NotEmpty().WithMessage(l["Validation.Choose"])
            .Must(Countries.IsKnown).WithMessage(l["Client.UnknownCountry"]);
        RuleFor(x => x.WorkersRequested).NotNull().InclusiveBetween(0, 1_000_000);
        RuleFor(x => x.WorkersDispatched).InclusiveBetween(0, 1_000_000);
        RuleFor(x => x.WorkersDispatched)
            .Must((x, dispatched) => dispatched is null || x.WorkersRequested is null || dispatched <= x.WorkersRequested)
            .WithMessage(l["Project.DispatchedOverRequested"]);
        RuleFor(x => x.ContractAmount).GreaterThanOrEqualTo(0).WithMessage(l["Project.NegativeAmount"])
            .LessThan(1_000_000_000_000m)
            .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage(l["Project.AmountScale"]);
        RuleFor(x => x.Currency).NotEmpty().When(x => x.ContractAmount is not null).WithMessage(l["Project.CurrencyRequired"]);
        RuleFor(x => x.Currency).Matches("^[A-Za-z]{3}$").When(x => !string.IsNullOrWhiteSpace(x.Currency)).WithMessage(l["Rate.BadCurrency"]);
        RuleFor(x => x.ContractSignedOn).NotNull()
            .When(x => x.Status is { } s && CooperationProject.IsContracted(s)).WithMessage(l["Project.SignedDateRequired"]);
        RuleFor(x => x.DepartureOn)
            .Must((x, departure) => departure is null || x.ContractSignedOn is null || departure >= x.ContractSignedOn)
            .WithMessage(l["Project.DatesOutOfOrder"]);
        RuleFor(x => x.ContractEndOn)
            .Must((x, end) => end is null || (x.DepartureOn ?? x.ContractSignedOn) is not { } start || end >= start)
            .WithMessage(l["Project.DatesOutOfOrder"]);
        RuleFor(x => x.Status).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.WorkersDispatched).Must(d => d > 0)
            .When(x => x.Status is ProjectStatus.Dispatched or ProjectStatus.InService).WithMessage(l["Project.DispatchRequired"]);
        RuleFor(x => x.DepartureOn).NotNull()
            .When(x => x.Status is ProjectStatus.Dispatched or ProjectStatus.InService).WithMessage(l["Project.DispatchRequired"]);
        RuleFor(x => x.Notes).MaximumLength(2000);
    }
}
