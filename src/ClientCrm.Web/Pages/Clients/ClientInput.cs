using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>The enterprise card as the register and edit forms post it.</summary>
public sealed class ClientInput
{
    [Display(Name = "Client.Type")] public ClientType? Type { get; set; }
    [Display(Name = "Client.LegalForm")] public LegalForm? LegalForm { get; set; }
    [Display(Name = "Client.Name")] public string? Name { get; set; }
    [Display(Name = "Client.ChineseName")] public string? ChineseName { get; set; }
    [Display(Name = "Client.Country")] public string? CountryCode { get; set; }
    [Display(Name = "Client.Region")] public Region? Region { get; set; }
    [Display(Name = "Client.Industry")] public Industry? Industry { get; set; }
    [Display(Name = "Client.Address")] public string? Address { get; set; }
    [Display(Name = "Client.Postcode")] public string? Postcode { get; set; }
    [Display(Name = "Client.Phone")] public string? Phone { get; set; }
    [Display(Name = "Client.Fax")] public string? Fax { get; set; }
    [Display(Name = "Client.Email")] public string? Email { get; set; }
    [Display(Name = "Client.Website")] public string? Website { get; set; }
    [Display(Name = "Client.LegalRepresentative")] public string? LegalRepresentative { get; set; }
    [Display(Name = "Client.BankAccount")] public string? BankAccount { get; set; }
    [Display(Name = "Client.TaxNumber")] public string? TaxNumber { get; set; }
    [Display(Name = "Client.RegistrationNumber")] public string? RegistrationNumber { get; set; }
    [Display(Name = "Client.Ownership")] public string? Ownership { get; set; }
    [Display(Name = "Client.BusinessScope")] public string? BusinessScope { get; set; }
    [Display(Name = "Client.EmployeeCount")] public int? EmployeeCount { get; set; }
    [Display(Name = "Client.RegisteredCapital")] public decimal? RegisteredCapital { get; set; }
    [Display(Name = "Client.RegisteredCapitalCurrency")] public string? RegisteredCapitalCurrency { get; set; }
    [Display(Name = "Client.YearEstablished")] public int? YearEstablished { get; set; }
    [Display(Name = "Client.CreditRating")] public CreditRating? CreditRating { get; set; }
    [Display(Name = "Client.CreditNotes")] public string? CreditNotes { get; set; }
    [Display(Name = "Client.PaymentTerms")] public string? PaymentTerms { get; set; }
    [Display(Name = "Client.OperatingStatus")] public OperatingStatus? OperatingStatus { get; set; }
    [Display(Name = "Client.DemandTrend")] public DemandTrend? DemandTrend { get; set; }
    [Display(Name = "Client.CooperationIntent")] public CooperationIntent? CooperationIntent { get; set; }
    [Display(Name = "Client.ChinaPartners")] public string? ChinaPartners { get; set; }
    [Display(Name = "Client.InformationSource")] public string? InformationSource { get; set; }
    [Display(Name = "Client.Notes")] public string? Notes { get; set; }

    /// <summary>The user saw the same-name warning and confirms this is another company.</summary>
    [Display(Name = "Client.ConfirmNotDuplicate")] public bool ConfirmNotDuplicate { get; set; }

    public ClientCard ToCard() => new()
    {
        Type = Type!.Value,
        LegalForm = LegalForm!.Value,
        Name = Name!,
        ChineseName = ChineseName,
        CountryCode = CountryCode!,
        Region = Region!.Value,
        Industry = Industry!.Value,
        Address = Address,
        Postcode = Postcode,
        Phone = Phone,
        Fax = Fax,
        Email = Email,
        Website = Website,
        LegalRepresentative = LegalRepresentative,
        BankAccount = BankAccount,
        TaxNumber = TaxNumber,
        RegistrationNumber = RegistrationNumber,
        Ownership = Ownership,
        BusinessScope = BusinessScope,
        EmployeeCount = EmployeeCount,
        RegisteredCapital = RegisteredCapital,
        RegisteredCapitalCurrency = RegisteredCapitalCurrency,
        YearEstablished = YearEstablished,
        CreditRating = CreditRating ?? Domain.Clients.CreditRating.Unknown,
        CreditNotes = CreditNotes,
        PaymentTerms = PaymentTerms,
        OperatingStatus = OperatingStatus!.Value,
        DemandTrend = DemandTrend!.Value,
        CooperationIntent = CooperationIntent!.Value,
        ChinaPartners = ChinaPartners,
        InformationSource = InformationSource,
        Notes = Notes,
    };

    public static ClientInput From(ClientCard c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Type = c.Type, LegalForm = c.LegalForm, Name = c.Name, ChineseName = c.ChineseName, CountryCode = c.CountryCode,
            Region = c.Region, Industry = c.Industry, Address = c.Address, Postcode = c.Postcode, Phone = c.Phone, Fax = c.Fax,
            Email = c.Email, Website = c.Website, LegalRepresentative = c.LegalRepresentative, BankAccount = c.BankAccount,
            TaxNumber = c.TaxNumber, RegistrationNumber = c.RegistrationNumber, Ownership = c.Ownership, BusinessScope = c.BusinessScope,
            EmployeeCount = c.EmployeeCount, RegisteredCapital = c.RegisteredCapital, RegisteredCapitalCurrency = c.RegisteredCapitalCurrency,
            YearEstablished = c.YearEstablished, CreditRating = c.CreditRating, CreditNotes = c.CreditNotes, PaymentTerms = c.PaymentTerms,
            OperatingStatus = c.OperatingStatus, DemandTrend = c.DemandTrend, CooperationIntent = c.CooperationIntent,
            ChinaPartners = c.ChinaPartners, InformationSource = c.InformationSource, Notes = c.Notes,
        };
    }
}

public sealed class ClientInputValidator : AbstractValidator<ClientInput>
{
    public ClientInputValidator(IStringLocalizer<SharedResource> l, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        RuleFor(x => x.Type).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.LegalForm).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum()
            .NotEqual(LegalForm.Individual).WithMessage(l["Client.IndividualNotAllowed"]);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
        RuleFor(x => x.ChineseName).MaximumLength(300);
        RuleFor(x => x.CountryCode).NotEmpty().WithMessage(l["Validation.Choose"])
            .Must(Countries.IsKnown).WithMessage(l["Client.UnknownCountry"]);
        RuleFor(x => x.Region).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.Industry).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.Address).MaximumLength(500);
        RuleFor(x => x.Postcode).MaximumLength(20);
        RuleFor(x => x.Phone).MaximumLength(50).Must(BeAPhone).WithMessage(l["Validation.Phone"]);
        RuleFor(x => x.Fax).MaximumLength(50).Must(BeAPhone).WithMessage(l["Validation.Phone"]);
        RuleFor(x => x.Email).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage(l["Validation.Email"]);
        RuleFor(x => x.Website).MaximumLength(300)
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .When(x => !string.IsNullOrWhiteSpace(x.Website)).WithMessage(l["Validation.Url"]);
        RuleFor(x => x.LegalRepresentative).MaximumLength(200);
        RuleFor(x => x.BankAccount).MaximumLength(100);
        RuleFor(x => x.TaxNumber).MaximumLength(60);
        RuleFor(x => x.RegistrationNumber).MaximumLength(60);
        RuleFor(x => x.Ownership).MaximumLength(200);
        RuleFor(x => x.BusinessScope).MaximumLength(2000);
        RuleFor(x => x.EmployeeCount).InclusiveBetween(1, 10_000_000);
        RuleFor(x => x.RegisteredCapital).GreaterThanOrEqualTo(0).LessThan(1_000_000_000_000m);
        RuleFor(x => x.RegisteredCapitalCurrency).Matches("^[A-Za-z]{3}$").WithMessage(l["Validation.Currency"]);
        RuleFor(x => x.RegisteredCapitalCurrency).NotEmpty().When(x => x.RegisteredCapital is not null).WithMessage(l["Validation.CurrencyRequired"]);
        // This year as of the check, not as of the validator's making: validators are kept (CultureValidators).
        RuleFor(x => x.YearEstablished).Must(y => y is null || (y >= 1800 && y <= clock.Today.Year))
            .WithMessage(_ => l["Validation.YearEstablished", clock.Today.Year]);
        RuleFor(x => x.CreditRating).IsInEnum();
        RuleFor(x => x.CreditNotes).MaximumLength(2000);
        RuleFor(x => x.PaymentTerms).MaximumLength(1000);
        RuleFor(x => x.OperatingStatus).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.DemandTrend).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.CooperationIntent).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.ChinaPartners).MaximumLength(2000);
        RuleFor(x => x.InformationSource).NotEmpty().MaximumLength(1000);
        RuleFor(x => x.Notes).MaximumLength(4000);
    }

    internal static bool BeAPhone(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (value.All(ch => char.IsDigit(ch) || ch is '+' or '-' or ' ' or '(' or ')' or '.' or '/')
            && value.Count(char.IsDigit) >= 5);
}
