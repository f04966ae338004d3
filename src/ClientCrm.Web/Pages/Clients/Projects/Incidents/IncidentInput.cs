using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects.Incidents;

/// <summary>A worker incident (境外劳务人员事件) as the record and edit forms post it.</summary>
public sealed class IncidentInput
{
    /// <summary>ViewData key of the batch's worker count (<see cref="CooperationProject.BatchWorkerCount"/>) the form shows.</summary>
    public const string BatchWorkersKey = "Incident.BatchWorkers";

    [Display(Name = "Incident.Type")] public IncidentType? Type { get; set; }
    [Display(Name = "Incident.OccurredOn")][DataType(DataType.Date)] public DateOnly? OccurredOn { get; set; }
    [Display(Name = "Incident.WorkersAffected")] public int? WorkersAffected { get; set; }
    [Display(Name = "Incident.Description")] public string? Description { get; set; }
    [Display(Name = "Incident.Status")] public IncidentStatus? Status { get; set; }
    [Display(Name = "Incident.HandlingRecord")] public string? HandlingRecord { get; set; }
    [Display(Name = "Incident.ArrearsAmount")] public decimal? ArrearsAmount { get; set; }
    [Display(Name = "Incident.ArrearsCurrency")] public string? ArrearsCurrency { get; set; }

    public IncidentDetails ToDetails() => new()
    {
        Type = Type!.Value,
        OccurredOn = OccurredOn!.Value,
        WorkersAffected = WorkersAffected ?? 0,
        Description = Description!,
        Status = Status ?? IncidentStatus.Open,
        HandlingRecord = HandlingRecord,
        ArrearsAmount = ArrearsAmount,
        ArrearsCurrency = ArrearsAmount is null || string.IsNullOrWhiteSpace(ArrearsCurrency) ? null : ArrearsCurrency.Trim().ToUpperInvariant(),
    };

    public static IncidentInput From(WorkerIncident i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new()
        {
            Type = i.Type, OccurredOn = i.OccurredOn, WorkersAffected = i.WorkersAffected, Description = i.Description,
            Status = i.Status, HandlingRecord = i.HandlingRecord, ArrearsAmount = i.ArrearsAmount, ArrearsCurrency = i.ArrearsCurrency,
        };
    }

    /// <summary>The arrears currency, for <see cref="ProjectForm.CheckListedAsync"/> (the incident's own one is always allowed).</summary>
    public IEnumerable<(string Field, string? Code, string? Stored)> ListedCurrencies(WorkerIncident? stored) =>
        ArrearsAmount is null ? [] : [($"{nameof(CreateModel.Input)}.{nameof(ArrearsCurrency)}", ArrearsCurrency, stored?.ArrearsCurrency)];

    /// <summary>The form field a domain refusal belongs next to; empty for a refusal of the whole form.</summary>
    public static string FieldOf(string code) => code switch
    {
        "Incident.DescriptionRequired" => nameof(Description),
        "Incident.InFuture" => nameof(OccurredOn),
        "Incident.HandlingRequired" => nameof(HandlingRecord),
        "Project.NegativeWorkers" or "Incident.AffectedOverBatch" => nameof(WorkersAffected),
        "Incident.ArrearsRequired" or "Incident.ArrearsNegative" => nameof(ArrearsAmount),
        "Incident.ArrearsCurrencyRequired" or "Incident.ArrearsBadCurrency" => nameof(ArrearsCurrency),
        _ => "",
    };
}

/// <summary>The rules of <see cref="WorkerIncident"/>, checked first so each message lands next to its field.</summary>
public sealed class IncidentInputValidator : AbstractValidator<IncidentInput>
{
    public IncidentInputValidator(IStringLocalizer<SharedResource> l, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        RuleFor(x => x.Type).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        // Not after the company's today (the business clock's date, not the server's or UTC's).
        RuleFor(x => x.OccurredOn).NotNull()
            .Must(d => d is null || d.Value <= clock.Today).WithMessage(l["Incident.InFuture"])
            .Must(d => d is null || d.Value.Year >= 1980).WithMessage(l["Incident.DateTooEarly"]);
        RuleFor(x => x.WorkersAffected).NotNull().InclusiveBetween(0, 1_000_000);
        RuleFor(x => x.Description).NotEmpty().WithMessage(l["Incident.DescriptionRequired"]).MaximumLength(4000);
        RuleFor(x => x.Status).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.HandlingRecord).NotEmpty().When(x => x.Status == IncidentStatus.Resolved).WithMessage(l["Incident.HandlingRequired"]);
        RuleFor(x => x.HandlingRecord).MaximumLength(4000);
        // Wages in arrears (Money): required for a wage-arrears incident, never negative, with a three-letter currency;
        // whether the company lists that currency is checked by the page.
        RuleFor(x => x.ArrearsAmount).NotNull().When(x => x.Type == IncidentType.WageArrears).WithMessage(l["Incident.ArrearsRequired"]);
        RuleFor(x => x.ArrearsAmount).GreaterThan(0).When(x => x.Type == IncidentType.WageArrears && x.ArrearsAmount >= 0)
            .WithMessage(l["Incident.ArrearsRequired"]);
        RuleFor(x => x.ArrearsAmount).GreaterThanOrEqualTo(0).WithMessage(l["Incident.ArrearsNegative"])
            .LessThan(1_000_000_000_000m)
            .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage(l["Project.MoneyScale"]);
        RuleFor(x => x.ArrearsCurrency).NotEmpty().When(x => x.ArrearsAmount is not null).WithMessage(l["Incident.ArrearsCurrencyRequired"]);
        RuleFor(x => x.ArrearsCurrency).Matches("^[A-Za-z]{3}$").When(x => !string.IsNullOrWhiteSpace(x.ArrearsCurrency))
            .WithMessage(l["Incident.ArrearsBadCurrency"]);
    }
}
