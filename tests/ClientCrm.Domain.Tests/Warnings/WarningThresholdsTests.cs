using ClientCrm.Domain.Common;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Domain.Tests;

public sealed class WarningThresholdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly WarningThresholds Defaults = WarningThresholds.Default;

    public static TheoryData<WarningThresholds, string> Broken => new()
    {
        { Defaults with { DemandDropPercent = 0 }, "Warnings.Settings.PercentRange" },
        { Defaults with { DemandDropPercent = 101 }, "Warnings.Settings.PercentRange" },
        { Defaults with { RepatriatedMinPercent = 0 }, "Warnings.Settings.PercentRange" },
        { Defaults with { RepatriatedMinPercent = 101 }, "Warnings.Settings.PercentRange" },
        { Defaults with { DemandDropMinPrevious = 0 }, "Warnings.Settings.AtLeastOne" },
        { Defaults with { LaborDisputesMin = 0 }, "Warnings.Settings.AtLeastOne" },
        { Defaults with { RepatriatedMinWorkers = 0 }, "Warnings.Settings.AtLeastOne" },
        { Defaults with { RepatriatedMinWorkers = -3 }, "Warnings.Settings.AtLeastOne" },
        { Defaults with { NoNewBatchDaysA = 0 }, "Warnings.Settings.AtLeastOneDay" },
        { Defaults with { LaborDisputesDays = 0 }, "Warnings.Settings.AtLeastOneDay" },
        { Defaults with { RepatriatedDays = 0 }, "Warnings.Settings.AtLeastOneDay" },
        { Defaults with { EscalateAfterDays = 0 }, "Warnings.Settings.AtLeastOneDay" },
        { Defaults with { NoNewBatchDaysA = 366 }, "Warnings.Settings.NoNewBatchOrder" },
        { Defaults with { NoNewBatchDaysB = 179 }, "Warnings.Settings.NoNewBatchOrder" },
        { Defaults with { RunEveryMinutes = 4 }, "Warnings.Settings.RunEveryRange" },
        { Defaults with { RunEveryMinutes = 1441 }, "Warnings.Settings.RunEveryRange" },
    };

    public static TheoryData<WarningThresholds> Usable => new()
    {
        Defaults,
        Defaults with { DemandDropPercent = 1, RepatriatedMinPercent = 1 },
        Defaults with { DemandDropPercent = 100, RepatriatedMinPercent = 100 },
        Defaults with { DemandDropMinPrevious = 1, LaborDisputesMin = 1, RepatriatedMinWorkers = 1 },
        Defaults with { NoNewBatchDaysA = 1, NoNewBatchDaysB = 1, LaborDisputesDays = 1, RepatriatedDays = 1, EscalateAfterDays = 1 },
        Defaults with { NoNewBatchDaysA = 365, NoNewBatchDaysB = 365 },
        Defaults with { RunEveryMinutes = 5 },
        Defaults with { RunEveryMinutes = 1440 },
    };

    [Fact]
    public void The_defaults_are_the_values_of_the_spec()
    {
        var t = WarningThresholds.Default;

        Assert.Equal((40, 10), (t.DemandDropPercent, t.DemandDropMinPrevious));
        Assert.Equal((180, 365), (t.NoNewBatchDaysA, t.NoNewBatchDaysB));
        Assert.Equal((2, 90), (t.LaborDisputesMin, t.LaborDisputesDays));
        Assert.Equal((5, 20, 90), (t.RepatriatedMinWorkers, t.RepatriatedMinPercent, t.RepatriatedDays));
        Assert.Equal(3, t.EscalateAfterDays);
        Assert.Equal(new WarningThresholds(), t);
    }

    [Fact]
    public void The_defaults_have_no_problems()
    {
        Assert.Empty(WarningThresholds.Default.Problems());
    }

    [Theory]
    [MemberData(nameof(Usable))]
    public void Values_at_the_edges_of_their_ranges_have_no_problems(WarningThresholds thresholds)
    {
        Assert.Empty(thresholds.Problems());
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_value_is_reported_by_the_rule_it_breaks(WarningThresholds thresholds, string problem)
    {
        Assert.Equal(new[] { problem }, thresholds.Problems());
    }

    [Fact]
    public void A_B_limit_of_zero_days_breaks_both_the_day_rule_and_the_order_rule()
    {
        Assert.Equal(
            new[] { "Warnings.Settings.AtLeastOneDay", "Warnings.Settings.NoNewBatchOrder" },
            (Defaults with { NoNewBatchDaysB = 0 }).Problems());
    }

    [Fact]
    public void Several_broken_rules_are_all_reported_once_each_in_order()
    {
        var thresholds = Defaults with
        {
            DemandDropPercent = 0, RepatriatedMinPercent = 120, LaborDisputesMin = 0, RepatriatedDays = 0,
            NoNewBatchDaysA = 400, RunEveryMinutes = 0,
        };

        Assert.Equal(
            new[]
            {
                "Warnings.Settings.PercentRange", "Warnings.Settings.AtLeastOne", "Warnings.Settings.AtLeastOneDay",
                "Warnings.Settings.NoNewBatchOrder", "Warnings.Settings.RunEveryRange",
            },
            thresholds.Problems());
    }

    [Fact]
    public void Default_settings_hold_the_default_thresholds()
    {
        var settings = WarningSettings.CreateDefault(Now);

        Assert.Equal(WarningThresholds.Default, settings.Thresholds);
        Assert.Equal(WarningSettings.SingletonId, settings.Id);
        Assert.Equal(Now, settings.UpdatedAt);
    }

    [Fact]
    public void Changing_settings_stores_every_value()
    {
        var settings = WarningSettings.CreateDefault(Now);
        var changed = new WarningThresholds
        {
            DemandDropPercent = 30, DemandDropMinPrevious = 20, NoNewBatchDaysA = 90, NoNewBatchDaysB = 200,
            LaborDisputesMin = 3, LaborDisputesDays = 60, RepatriatedMinWorkers = 8, RepatriatedMinPercent = 25,
            RepatriatedDays = 120, EscalateAfterDays = 5, RunEveryMinutes = 30,
        };

        settings.Change(changed, Now.AddHours(1));

        Assert.Equal(changed, settings.Thresholds);
        Assert.Equal(Now.AddHours(1), settings.UpdatedAt);
    }

    [Fact]
    public void Unusable_settings_are_refused_with_the_first_problem_and_the_old_values_stay()
    {
        var settings = WarningSettings.CreateDefault(Now);
        var before = settings.Thresholds;

        var ex = Assert.Throws<DomainException>(() =>
            settings.Change(Defaults with { LaborDisputesMin = 0, NoNewBatchDaysA = 400, RunEveryMinutes = 1 }, Now.AddHours(1)));

        Assert.Equal("Warnings.Settings.AtLeastOne", ex.Code);
        Assert.Contains("Warnings.Settings.NoNewBatchOrder", ex.Message);
        Assert.Contains("Warnings.Settings.RunEveryRange", ex.Message);
        Assert.Equal(before, settings.Thresholds);
        Assert.Equal(Now, settings.UpdatedAt);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_value_is_refused_by_the_settings_with_its_code(WarningThresholds thresholds, string problem)
    {
        var settings = WarningSettings.CreateDefault(Now);

        var ex = Assert.Throws<DomainException>(() => settings.Change(thresholds, Now.AddHours(1)));

        Assert.Equal(problem, ex.Code);
        Assert.Equal(WarningThresholds.Default, settings.Thresholds);
    }
}
