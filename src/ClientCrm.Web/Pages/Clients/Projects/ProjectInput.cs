using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
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
    [Display(Name = "Project.EmployerContractNumber")] public string? EmployerContractNumber { get; set; }
    [Display(Name = "Project.WorkSite")] public string? WorkSite { get; set; }
    [Display(Name = "Project.WageAmount")] public decimal? WageAmount { get; set; }
    [Display(Name = "Project.WageCurrency")] public string? WageCurrency { get; set; }
    [Display(Name = "Project.WorkingHours")] public string? WorkingHours { get; set; }
    [Display(Name = "Project.BoardAndLodging")] public string? BoardAndLodging { get; set; }
    [Display(Name = "Project.InsuranceTerms")] public string? InsuranceTerms { get; set; }
    [Display(Name = "Project.ServiceFeeAmount")] public decimal? ServiceFeeAmount { get; set; }
    [Display(Name = "Project.ServiceFeeCurrency")] public string? ServiceFeeCurrency { get; set; }
    [Display(Name = "Project.ServiceFeePaidBy")] public ServiceFeePayer? ServiceFeePaidBy { get; set; }
    [Display(Name = "Project.FilingNumber")] public string? FilingNumber { get; set; }
    [Display(Name = "Project.FiledOn")][DataType(DataType.Date)] public DateOnly? FiledOn { get; set; }
    [Display(Name = "Project.TradeTestOn")][DataType(DataType.Date)] public DateOnly? TradeTestOn { get; set; }

    /// <summary>Upper-case currency code, or null when none was chosen.</summary>
    public string? CurrencyCode => Code(Currency);

    /// <summary>The currencies this form names (contract, wage, service fee), for the list it offers.</summary>
    public IEnumerable<string?> CurrenciesNamed => [Currency, WageCurrency, ServiceFeeCurrency];

    private static string? Code(string? currency) => string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant();

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
        EmployerContractNumber = EmployerContractNumber,
        WorkSite = WorkSite,
        WageAmount = WageAmount,
        WageCurrency = WageAmount is null ? null : Code(WageCurrency),
        WorkingHours = WorkingHours,
        BoardAndLodging = BoardAndLodging,
        InsuranceTerms = InsuranceTerms,
        ServiceFeeAmount = ServiceFeeAmount,
        ServiceFeeCurrency = ServiceFeeAmount is null ? null : Code(ServiceFeeCurrency),
        ServiceFeePaidBy = ServiceFeePaidBy,
        FilingNumber = FilingNumber,
        FiledOn = FiledOn,
        TradeTestOn = TradeTestOn,
    };

    public static ProjectInput From(CooperationProject p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Name = p.Name, JobTypes = p.JobTypes, WorkCountryCode = p.WorkCountryCode, WorkersRequested = p.WorkersRequested,
            WorkersDispatched = p.WorkersDispatched, ContractAmount = p.ContractAmount, Currency = p.Currency,
            ContractSignedOn = p.ContractSignedOn, DepartureOn = p.DepartureOn, ContractEndOn = p.ContractEndOn, Status = p.Status,
            Notes = p.Notes, EmployerContractNumber = p.EmployerContractNumber, WorkSite = p.WorkSite, WageAmount = p.WageAmount,
            WageCurrency = p.WageCurrency, WorkingHours = p.WorkingHours, BoardAndLodging = p.BoardAndLodging, InsuranceTerms = p.InsuranceTerms,
            ServiceFeeAmount = p.ServiceFeeAmount, ServiceFeeCurrency = p.ServiceFeeCurrency, ServiceFeePaidBy = p.ServiceFeePaidBy,
            FilingNumber = p.FilingNumber, FiledOn = p.FiledOn, TradeTestOn = p.TradeTestOn,
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
        "Project.NotInitiated" => nameof(Status),
        "Project.DispatchRequired" => nameof(DepartureOn),
        "Project.NegativeAmount" => nameof(ContractAmount),
        "Project.CurrencyRequired" or "Project.NoRate" => nameof(Currency),
        "Project.WageNegative" => nameof(WageAmount),
        "Project.WageCurrencyRequired" or "Project.WageBadCurrency" => nameof(WageCurrency),
        "Project.ServiceFeeNegative" => nameof(ServiceFeeAmount),
        "Project.ServiceFeeCurrencyRequired" or "Project.ServiceFeeBadCurrency" => nameof(ServiceFeeCurrency),
        "Project.ServiceFeePayerRequired" => nameof(ServiceFeePaidBy),
        "Project.FilingNumberRequired" => nameof(FilingNumber),
        "Project.FilingDateRequired" or "Project.FilingInFuture" => nameof(FiledOn),
        "Project.TradeTestAfterDeparture" => nameof(TradeTestOn),
        _ => "",
    };
}

/// <summary>
/// The rules of <see cref="CooperationProject"/>, checked first so each message lands next to its field. Whether the
/// currency has a rate is checked by the page, which needs the rate itself.
/// </summary>
public sealed class ProjectInputValidator : AbstractValidator<ProjectInput>
{
    public ProjectInputValidator(IStringLocalizer<SharedResource> l, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
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

        // Batch terms (SPEC §3). Amounts in their own currency (Money): not negative, two decimals, a three-letter currency;
        // whether the company uses that currency is checked by the page, which knows the list.
        RuleFor(x => x.EmployerContractNumber).MaximumLength(100);
        RuleFor(x => x.WorkSite).MaximumLength(300);
        RuleFor(x => x.WageAmount).GreaterThanOrEqualTo(0).WithMessage(l["Project.WageNegative"])
            .LessThan(1_000_000_000_000m)
            .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage(l["Project.MoneyScale"]);
        RuleFor(x => x.WageCurrency).NotEmpty().When(x => x.WageAmount is not null).WithMessage(l["Project.WageCurrencyRequired"]);
        RuleFor(x => x.WageCurrency).Matches("^[A-Za-z]{3}$").When(x => !string.IsNullOrWhiteSpace(x.WageCurrency)).WithMessage(l["Project.WageBadCurrency"]);
        RuleFor(x => x.WorkingHours).MaximumLength(500);
        RuleFor(x => x.BoardAndLodging).MaximumLength(1000);
        RuleFor(x => x.InsuranceTerms).MaximumLength(1000);
        RuleFor(x => x.ServiceFeeAmount).GreaterThanOrEqualTo(0).WithMessage(l["Project.ServiceFeeNegative"])
            .LessThan(1_000_000_000_000m)
            .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage(l["Project.MoneyScale"]);
        RuleFor(x => x.ServiceFeeCurrency).NotEmpty().When(x => x.ServiceFeeAmount is not null).WithMessage(l["Project.ServiceFeeCurrencyRequired"]);
        RuleFor(x => x.ServiceFeeCurrency).Matches("^[A-Za-z]{3}$").When(x => !string.IsNullOrWhiteSpace(x.ServiceFeeCurrency))
            .WithMessage(l["Project.ServiceFeeBadCurrency"]);
        RuleFor(x => x.ServiceFeePaidBy).NotNull().When(x => x.ServiceFeeAmount is not null).WithMessage(l["Project.ServiceFeePayerRequired"]);
        RuleFor(x => x.ServiceFeePaidBy).IsInEnum().WithMessage(l["Project.ServiceFeePayerRequired"]);
        RuleFor(x => x.FilingNumber).MaximumLength(100);
        RuleFor(x => x.FilingNumber).NotEmpty().When(x => x.FiledOn is not null).WithMessage(l["Project.FilingNumberRequired"]);
        RuleFor(x => x.FiledOn).NotNull().When(x => !string.IsNullOrWhiteSpace(x.FilingNumber)).WithMessage(l["Project.FilingDateRequired"]);
        // The company's today (BusinessClock), not the server's.
        RuleFor(x => x.FiledOn)
            .Must(d => d is null || d.Value <= clock.Today).WithMessage(l["Project.FilingInFuture"])
            .Must(d => d is null || d.Value.Year >= 1980).WithMessage(l["Project.FilingTooEarly"]);
        // The client tests the workers (考工) before they leave.
        RuleFor(x => x.TradeTestOn)
            .Must((x, test) => test is null || x.DepartureOn is null || test <= x.DepartureOn).WithMessage(l["Project.TradeTestAfterDeparture"])
            .Must(d => d is null || d.Value.Year >= 1980).WithMessage(l["Project.FilingTooEarly"]);
    }
}
