using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

public sealed class GradingThresholdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<GradingThresholds, string> Inconsistent => new()
    {
        { GradingThresholds.Default with { AMinWorkersLast24Months = 29 }, "Grading.Thresholds.AAboveB" },
        { GradingThresholds.Default with { BMinWorkersLast24Months = 101 }, "Grading.Thresholds.AAboveB" },
        { GradingThresholds.Default with { AMinAmountCnyLast24Months = 999_999.99m }, "Grading.Thresholds.AAboveB" },
        { GradingThresholds.Default with { AMinYearsWithCooperation = 1 }, "Grading.Thresholds.AAboveB" },
        { GradingThresholds.Default with { ContactDaysA = 61 }, "Grading.Thresholds.ContactOrder" },
        { GradingThresholds.Default with { ContactDaysB = 91 }, "Grading.Thresholds.ContactOrder" },
        { GradingThresholds.Default with { ContactDaysA = 0 }, "Grading.Thresholds.ContactOrder" },
        { GradingThresholds.Default with { ParetoClassIPercent = 90 }, "Grading.Thresholds.Pareto" },
        { GradingThresholds.Default with { ParetoClassIIPercent = 60 }, "Grading.Thresholds.Pareto" },
        { GradingThresholds.Default with { ParetoClassIIPercent = 100 }, "Grading.Thresholds.Pareto" },
        { GradingThresholds.Default with { AMinYearsWithCooperation = 6 }, "Grading.Thresholds.Years" },
        { GradingThresholds.Default with { BMinYearsWithCooperation = 0 }, "Grading.Thresholds.Years" },
        { GradingThresholds.Default with { AMinBatchesLast12Months = 0 }, "Grading.Thresholds.Positive" },
        { GradingThresholds.Default with { BMinAmountCnyLast24Months = 0m }, "Grading.Thresholds.Positive" },
    };

    public static TheoryData<GradingThresholds> Consistent => new()
    {
        GradingThresholds.Default,
        GradingThresholds.Default with { AMinWorkersLast24Months = 30, AMinAmountCnyLast24Months = 1_000_000m },
        GradingThresholds.Default with { AMinYearsWithCooperation = 5, BMinYearsWithCooperation = 5 },
        GradingThresholds.Default with { AMinYearsWithCooperation = 1, BMinYearsWithCooperation = 1 },
        GradingThresholds.Default with { ContactDaysA = 60, ContactDaysB = 60, ContactDaysC = 60 },
        GradingThresholds.Default with { ParetoClassIPercent = 70, ParetoClassIIPercent = 71 },
    };

    [Fact]
    public void The_defaults_are_the_values_of_the_spec_table()
    {
        var t = GradingThresholds.Default;

        Assert.Equal((3, 2, 100, 5_000_000m), (t.AMinBatchesLast12Months, t.AMinYearsWithCooperation, t.AMinWorkersLast24Months, t.AMinAmountCnyLast24Months));
        Assert.Equal((2, 30, 1_000_000m), (t.BMinYearsWithCooperation, t.BMinWorkersLast24Months, t.BMinAmountCnyLast24Months));
        Assert.Equal((30, 60, 90), (t.ContactDays(ClientGrade.A), t.ContactDays(ClientGrade.B), t.ContactDays(ClientGrade.C)));
        Assert.Equal((70, 90), (t.ParetoClassIPercent, t.ParetoClassIIPercent));
    }

    [Theory]
    [MemberData(nameof(Consistent))]
    public void Consistent_thresholds_including_equal_A_and_B_values_have_no_problems(GradingThresholds thresholds)
    {
        Assert.Empty(thresholds.Problems());
    }

    [Theory]
    [MemberData(nameof(Inconsistent))]
    public void Inconsistent_thresholds_are_reported_by_the_rule_they_break(GradingThresholds thresholds, string problem)
    {
        Assert.Equal(new[] { problem }, thresholds.Problems());
    }

    [Fact]
    public void Several_broken_rules_are_all_reported()
    {
        var thresholds = GradingThresholds.Default with { AMinWorkersLast24Months = 10, ContactDaysC = 45, ParetoClassIIPercent = 50 };

        Assert.Equal(
            new[] { "Grading.Thresholds.AAboveB", "Grading.Thresholds.ContactOrder", "Grading.Thresholds.Pareto" },
            thresholds.Problems());
    }

    [Fact]
    public void Default_settings_hold_the_default_thresholds()
    {
        var settings = GradingSettings.CreateDefault(Now);

        Assert.Equal(GradingThresholds.Default, settings.Thresholds);
        Assert.Equal(GradingSettings.SingletonId, settings.Id);
        Assert.Equal(Now, settings.UpdatedAt);
    }

    [Fact]
    public void Settings_take_consistent_new_thresholds()
    {
        var settings = GradingSettings.CreateDefault(Now);
        var changed = GradingThresholds.Default with { AMinBatchesLast12Months = 4, ContactDaysA = 20, ParetoClassIPercent = 80 };

        settings.Change(changed, Now.AddDays(1));

        Assert.Equal(changed, settings.Thresholds);
        Assert.Equal(Now.AddDays(1), settings.UpdatedAt);
    }

    [Theory]
    [MemberData(nameof(Inconsistent))]
    public void Settings_refuse_inconsistent_thresholds_and_keep_the_old_ones(GradingThresholds thresholds, string problem)
    {
        var settings = GradingSettings.CreateDefault(Now);

        var ex = Assert.Throws<DomainException>(() => settings.Change(thresholds, Now.AddDays(1)));

        Assert.Equal(problem, ex.Code);
        Assert.Equal(GradingThresholds.Default, settings.Thresholds);
        Assert.Equal(Now, settings.UpdatedAt);
    }
}
