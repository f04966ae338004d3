using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Warnings;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>The warning thresholds as the leaders' settings form posts them.</summary>
public sealed class WarningSettingsInput
{
    [Display(Name = "WarningSettings.DemandDropPercent")] public int? DemandDropPercent { get; set; }
    [Display(Name = "WarningSettings.DemandDropMinPrevious")] public int? DemandDropMinPrevious { get; set; }
    [Display(Name = "WarningSettings.NoNewBatchDaysA")] public int? NoNewBatchDaysA { get; set; }
    [Display(Name = "WarningSettings.NoNewBatchDaysB")] public int? NoNewBatchDaysB { get; set; }
    [Display(Name = "WarningSettings.LaborDisputesMin")] public int? LaborDisputesMin { get; set; }
    [Display(Name = "WarningSettings.LaborDisputesDays")] public int? LaborDisputesDays { get; set; }
    [Display(Name = "WarningSettings.RepatriatedMinWorkers")] public int? RepatriatedMinWorkers { get; set; }
    [Display(Name = "WarningSettings.RepatriatedMinPercent")] public int? RepatriatedMinPercent { get; set; }
    [Display(Name = "WarningSettings.RepatriatedDays")] public int? RepatriatedDays { get; set; }
    [Display(Name = "WarningSettings.EscalateAfterDays")] public int? EscalateAfterDays { get; set; }
    [Display(Name = "WarningSettings.RunEveryMinutes")] public int? RunEveryMinutes { get; set; }

    public static WarningSettingsInput From(WarningThresholds t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new()
        {
            DemandDropPercent = t.DemandDropPercent, DemandDropMinPrevious = t.DemandDropMinPrevious, NoNewBatchDaysA = t.NoNewBatchDaysA,
            NoNewBatchDaysB = t.NoNewBatchDaysB, LaborDisputesMin = t.LaborDisputesMin, LaborDisputesDays = t.LaborDisputesDays,
            RepatriatedMinWorkers = t.RepatriatedMinWorkers, RepatriatedMinPercent = t.RepatriatedMinPercent, RepatriatedDays = t.RepatriatedDays,
            EscalateAfterDays = t.EscalateAfterDays, RunEveryMinutes = t.RunEveryMinutes,
        };
    }

    public WarningThresholds ToThresholds() => new()
    {
        DemandDropPercent = DemandDropPercent!.Value, DemandDropMinPrevious = DemandDropMinPrevious!.Value, NoNewBatchDaysA = NoNewBatchDaysA!.Value,
        NoNewBatchDaysB = NoNewBatchDaysB!.Value, LaborDisputesMin = LaborDisputesMin!.Value, LaborDisputesDays = LaborDisputesDays!.Value,
        RepatriatedMinWorkers = RepatriatedMinWorkers!.Value, RepatriatedMinPercent = RepatriatedMinPercent!.Value, RepatriatedDays = RepatriatedDays!.Value,
        EscalateAfterDays = EscalateAfterDays!.Value, RunEveryMinutes = RunEveryMinutes!.Value,
    };

    /// <summary>
    /// The form field a refused rule of <see cref="WarningThresholds.Problems"/> belongs next to, for these values
    /// (the validator normally catches each first; this places whatever the domain still refuses).
    /// </summary>
    public string FieldOf(string code) => code switch
    {
        "Warnings.Settings.PercentRange" => DemandDropPercent is < 1 or > 100 ? nameof(DemandDropPercent) : nameof(RepatriatedMinPercent),
        "Warnings.Settings.AtLeastOne" => DemandDropMinPrevious < 1 ? nameof(DemandDropMinPrevious)
            : LaborDisputesMin < 1 ? nameof(LaborDisputesMin) : nameof(RepatriatedMinWorkers),
        "Warnings.Settings.AtLeastOneDay" => new[]
            {
                (nameof(NoNewBatchDaysA), NoNewBatchDaysA), (nameof(NoNewBatchDaysB), NoNewBatchDaysB), (nameof(LaborDisputesDays), LaborDisputesDays),
                (nameof(RepatriatedDays), RepatriatedDays), (nameof(EscalateAfterDays), EscalateAfterDays),
            }.FirstOrDefault(f => f.Item2 < 1).Item1 ?? "",
        "Warnings.Settings.NoNewBatchOrder" => nameof(NoNewBatchDaysB),
        "Warnings.Settings.RunEveryRange" => nameof(RunEveryMinutes),
        _ => "",
    };
}

/// <summary>
/// The same rules as <see cref="WarningThresholds.Problems"/>, with the domain's messages, but on the exact field; plus
/// upper bounds the domain leaves open (a window of millions of days would break the date arithmetic of a run).
/// </summary>
public sealed class WarningSettingsInputValidator : AbstractValidator<WarningSettingsInput>
{
    public const int MaxDays = WarningThresholds.MaxDays;
    public const int MaxCount = WarningThresholds.MaxCount;
    public const int MaxEscalateDays = WarningThresholds.MaxEscalateDays;

    public WarningSettingsInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        string percent = l["Warnings.Settings.PercentRange"], atLeastOne = l["Warnings.Settings.AtLeastOne"],
            atLeastOneDay = l["Warnings.Settings.AtLeastOneDay"], maxCount = l["WarningSettings.TooLarge", MaxCount],
            maxDays = l["WarningSettings.TooLarge", MaxDays];

        RuleFor(x => x.DemandDropPercent).NotNull().InclusiveBetween(1, 100).WithMessage(percent);
        RuleFor(x => x.DemandDropMinPrevious).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOne).LessThanOrEqualTo(MaxCount).WithMessage(maxCount);
        RuleFor(x => x.NoNewBatchDaysA).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOneDay).LessThanOrEqualTo(MaxDays).WithMessage(maxDays);
        // A clients are watched more closely than B clients: the domain refuses A > B; the message stands by the B field.
        RuleFor(x => x.NoNewBatchDaysB).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOneDay).LessThanOrEqualTo(MaxDays).WithMessage(maxDays)
            .GreaterThanOrEqualTo(x => x.NoNewBatchDaysA).When(x => x.NoNewBatchDaysA is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(l["Warnings.Settings.NoNewBatchOrder"]);
        RuleFor(x => x.LaborDisputesMin).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOne).LessThanOrEqualTo(MaxCount).WithMessage(maxCount);
        RuleFor(x => x.LaborDisputesDays).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOneDay).LessThanOrEqualTo(MaxDays).WithMessage(maxDays);
        RuleFor(x => x.RepatriatedMinWorkers).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOne).LessThanOrEqualTo(MaxCount).WithMessage(maxCount);
        RuleFor(x => x.RepatriatedMinPercent).NotNull().InclusiveBetween(1, 100).WithMessage(percent);
        RuleFor(x => x.RepatriatedDays).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOneDay).LessThanOrEqualTo(MaxDays).WithMessage(maxDays);
        RuleFor(x => x.EscalateAfterDays).NotNull().GreaterThanOrEqualTo(1).WithMessage(atLeastOneDay)
            .LessThanOrEqualTo(MaxEscalateDays).WithMessage(l["WarningSettings.TooLarge", MaxEscalateDays]);
        RuleFor(x => x.RunEveryMinutes).NotNull().InclusiveBetween(5, 1440).WithMessage(l["Warnings.Settings.RunEveryRange"]);
    }
}
