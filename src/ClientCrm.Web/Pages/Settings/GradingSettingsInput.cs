using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Grading;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>The grading thresholds and contact intervals as the leaders' settings form posts them.</summary>
public sealed class GradingSettingsInput
{
    [Display(Name = "Settings.AMinBatchesLast12Months")] public int? AMinBatchesLast12Months { get; set; }
    [Display(Name = "Settings.AMinYearsWithCooperation")] public int? AMinYearsWithCooperation { get; set; }
    [Display(Name = "Settings.AMinWorkersLast24Months")] public int? AMinWorkersLast24Months { get; set; }
    [Display(Name = "Settings.AMinAmountCnyLast24Months")] public decimal? AMinAmountCnyLast24Months { get; set; }
    [Display(Name = "Settings.BMinYearsWithCooperation")] public int? BMinYearsWithCooperation { get; set; }
    [Display(Name = "Settings.BMinWorkersLast24Months")] public int? BMinWorkersLast24Months { get; set; }
    [Display(Name = "Settings.BMinAmountCnyLast24Months")] public decimal? BMinAmountCnyLast24Months { get; set; }
    [Display(Name = "Settings.ContactDaysA")] public int? ContactDaysA { get; set; }
    [Display(Name = "Settings.ContactDaysB")] public int? ContactDaysB { get; set; }
    [Display(Name = "Settings.ContactDaysC")] public int? ContactDaysC { get; set; }
    [Display(Name = "Settings.ParetoClassIPercent")] public int? ParetoClassIPercent { get; set; }
    [Display(Name = "Settings.ParetoClassIIPercent")] public int? ParetoClassIIPercent { get; set; }

    public static GradingSettingsInput From(GradingThresholds t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new()
        {
            AMinBatchesLast12Months = t.AMinBatchesLast12Months, AMinYearsWithCooperation = t.AMinYearsWithCooperation,
            AMinWorkersLast24Months = t.AMinWorkersLast24Months, AMinAmountCnyLast24Months = t.AMinAmountCnyLast24Months,
            BMinYearsWithCooperation = t.BMinYearsWithCooperation, BMinWorkersLast24Months = t.BMinWorkersLast24Months,
            BMinAmountCnyLast24Months = t.BMinAmountCnyLast24Months, ContactDaysA = t.ContactDaysA, ContactDaysB = t.ContactDaysB,
            ContactDaysC = t.ContactDaysC, ParetoClassIPercent = t.ParetoClassIPercent, ParetoClassIIPercent = t.ParetoClassIIPercent,
        };
    }

    public GradingThresholds ToThresholds() => new()
    {
        AMinBatchesLast12Months = AMinBatchesLast12Months!.Value, AMinYearsWithCooperation = AMinYearsWithCooperation!.Value,
        AMinWorkersLast24Months = AMinWorkersLast24Months!.Value, AMinAmountCnyLast24Months = AMinAmountCnyLast24Months!.Value,
        BMinYearsWithCooperation = BMinYearsWithCooperation!.Value, BMinWorkersLast24Months = BMinWorkersLast24Months!.Value,
        BMinAmountCnyLast24Months = BMinAmountCnyLast24Months!.Value, ContactDaysA = ContactDaysA!.Value, ContactDaysB = ContactDaysB!.Value,
        ContactDaysC = ContactDaysC!.Value, ParetoClassIPercent = ParetoClassIPercent!.Value, ParetoClassIIPercent = ParetoClassIIPercent!.Value,
    };
}

public sealed class GradingSettingsInputValidator : AbstractValidator<GradingSettingsInput>
{
    public GradingSettingsInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.AMinBatchesLast12Months).NotNull().InclusiveBetween(1, 100);
        RuleFor(x => x.AMinYearsWithCooperation).NotNull().InclusiveBetween(1, GradingThresholds.MaxYears);
        RuleFor(x => x.BMinYearsWithCooperation).NotNull().InclusiveBetween(1, GradingThresholds.MaxYears)
            .LessThanOrEqualTo(x => x.AMinYearsWithCooperation).When(x => x.AMinYearsWithCooperation is not null).WithMessage(l["Grading.Thresholds.AAboveB"]);
        RuleFor(x => x.AMinWorkersLast24Months).NotNull().InclusiveBetween(1, 1_000_000);
        RuleFor(x => x.BMinWorkersLast24Months).NotNull().InclusiveBetween(1, 1_000_000)
            .LessThanOrEqualTo(x => x.AMinWorkersLast24Months).When(x => x.AMinWorkersLast24Months is not null).WithMessage(l["Grading.Thresholds.AAboveB"]);
        RuleFor(x => x.AMinAmountCnyLast24Months).NotNull().GreaterThan(0).LessThan(1_000_000_000_000m);
        RuleFor(x => x.BMinAmountCnyLast24Months).NotNull().GreaterThan(0).LessThan(1_000_000_000_000m)
            .LessThanOrEqualTo(x => x.AMinAmountCnyLast24Months).When(x => x.AMinAmountCnyLast24Months is not null).WithMessage(l["Grading.Thresholds.AAboveB"]);
        RuleFor(x => x.ContactDaysA).NotNull().InclusiveBetween(1, 366);
        RuleFor(x => x.ContactDaysB).NotNull().InclusiveBetween(1, 366)
            .GreaterThanOrEqualTo(x => x.ContactDaysA).When(x => x.ContactDaysA is not null).WithMessage(l["Grading.Thresholds.ContactOrder"]);
        RuleFor(x => x.ContactDaysC).NotNull().InclusiveBetween(1, 366)
            .GreaterThanOrEqualTo(x => x.ContactDaysB).When(x => x.ContactDaysB is not null).WithMessage(l["Grading.Thresholds.ContactOrder"]);
        RuleFor(x => x.ParetoClassIPercent).NotNull().InclusiveBetween(1, 98);
        RuleFor(x => x.ParetoClassIIPercent).NotNull().InclusiveBetween(2, 99)
            .GreaterThan(x => x.ParetoClassIPercent).When(x => x.ParetoClassIPercent is not null).WithMessage(l["Grading.Thresholds.Pareto"]);
    }
}
