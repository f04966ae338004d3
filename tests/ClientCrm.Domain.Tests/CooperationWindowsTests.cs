using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

public sealed class CooperationWindowsTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void The_last_twelve_months_run_from_the_day_after_a_year_ago_up_to_and_including_today()
    {
        Assert.Equal(new DateOnly(2025, 11, 23), CooperationWindows.Start(Today, 0));
        Assert.Equal(Today, CooperationWindows.End(Today, 0));
    }

    [Fact]
    public void The_year_before_ends_where_the_last_twelve_months_begin()
    {
        Assert.Equal(new DateOnly(2024, 11, 23), CooperationWindows.Start(Today, 1));
        Assert.Equal(new DateOnly(2025, 11, 22), CooperationWindows.End(Today, 1));
        Assert.Equal(new DateOnly(2024, 11, 23), CooperationWindows.Last24MonthsStart(Today));
    }

    [Theory]
    [InlineData(2026, 11, 22)]
    [InlineData(2028, 2, 29)]
    [InlineData(2027, 2, 28)]
    [InlineData(2026, 1, 1)]
    [InlineData(2026, 12, 31)]
    public void Windows_follow_each_other_without_gap_or_overlap_and_last_a_year(int year, int month, int day)
    {
        var today = new DateOnly(year, month, day);
        for (var k = 0; k < GradingThresholds.MaxYears; k++)
        {
            Assert.Equal(CooperationWindows.End(today, k + 1).AddDays(1), CooperationWindows.Start(today, k));
            var days = CooperationWindows.End(today, k).DayNumber - CooperationWindows.Start(today, k).DayNumber + 1;
            Assert.InRange(days, 365, 366);
        }
    }

    [Theory]
    [InlineData(0, ParetoClass.I)]
    [InlineData(500, ParetoClass.I)]
    [InlineData(699, ParetoClass.I)]
    [InlineData(700, ParetoClass.II)]
    [InlineData(899, ParetoClass.II)]
    [InlineData(900, ParetoClass.III)]
    [InlineData(990, ParetoClass.III)]
    public void Pareto_class_follows_the_share_of_amount_ranked_above_the_client(int amountAbove, ParetoClass expected)
    {
        Assert.Equal(expected, SecondaryClasses.Pareto(10m, amountAbove, 1000m, GradingThresholds.Default));
    }

    [Fact]
    public void The_client_that_crosses_a_boundary_stays_in_the_class_it_starts_in()
    {
        // Starts at 60 % and ends at 95 %: still class I. Starts at 85 % and ends at 99 %: still class II.
        Assert.Equal(ParetoClass.I, SecondaryClasses.Pareto(350m, 600m, 1000m, GradingThresholds.Default));
        Assert.Equal(ParetoClass.II, SecondaryClasses.Pareto(140m, 850m, 1000m, GradingThresholds.Default));
    }

    [Fact]
    public void The_largest_client_is_class_I_even_when_it_alone_brings_almost_everything()
    {
        Assert.Equal(ParetoClass.I, SecondaryClasses.Pareto(990m, 0m, 1000m, GradingThresholds.Default));
    }

    [Theory]
    [InlineData(0, 0, 1000)]
    [InlineData(0, 990, 1000)]
    [InlineData(0, 0, 0)]
    public void A_client_without_amount_last_year_is_class_III(int amount, int amountAbove, int total)
    {
        Assert.Equal(ParetoClass.III, SecondaryClasses.Pareto(amount, amountAbove, total, GradingThresholds.Default));
    }

    [Fact]
    public void Pareto_boundaries_are_settings()
    {
        var thresholds = GradingThresholds.Default with { ParetoClassIPercent = 50, ParetoClassIIPercent = 60 };

        Assert.Equal(ParetoClass.I, SecondaryClasses.Pareto(10m, 499m, 1000m, thresholds));
        Assert.Equal(ParetoClass.II, SecondaryClasses.Pareto(10m, 500m, 1000m, thresholds));
        Assert.Equal(ParetoClass.III, SecondaryClasses.Pareto(10m, 600m, 1000m, thresholds));
    }

    public static TheoryData<int[], LifecycleStage?> LifecycleCases => new()
    {
        { [], null },
        { [0], null },
        { [0, 0, 0], null },
        { [1], LifecycleStage.Introduction },
        { [2, 0], LifecycleStage.Introduction },
        { [2, 0, 0, 0], LifecycleStage.Introduction },
        { [3, 2], LifecycleStage.Growth },
        { [2, 0, 1], LifecycleStage.Growth },
        { [2, 2], LifecycleStage.Mature },
        { [2, 2, 5], LifecycleStage.Mature },
        { [1, 2], LifecycleStage.Decline },
        { [0, 2], LifecycleStage.Decline },
        { [0, 1, 3], LifecycleStage.Decline },
        { [0, 0, 2], LifecycleStage.Decline },
        { [0, 0, 0, 0, 1], LifecycleStage.Decline },
    };

    [Theory]
    [MemberData(nameof(LifecycleCases))]
    public void Lifecycle_stage_reads_the_trend_of_batches_this_year_against_last_year(int[] batchesByYear, LifecycleStage? expected)
    {
        Assert.Equal(expected, SecondaryClasses.Lifecycle(batchesByYear));
    }

    [Theory]
    [InlineData(ClientGrade.A, 30)]
    [InlineData(ClientGrade.B, 60)]
    [InlineData(ClientGrade.C, 90)]
    public void Contact_falls_due_after_the_interval_of_the_grade_and_is_overdue_only_after_the_due_day(ClientGrade grade, int days)
    {
        var last = new DateOnly(2026, 9, 1);
        var due = last.AddDays(days);

        Assert.Equal(due, ContactDuty.DueOn(grade, last, GradingThresholds.Default));
        Assert.False(ContactDuty.IsOverdue(grade, ClientStatus.Active, last, due.AddDays(-1), GradingThresholds.Default));
        Assert.False(ContactDuty.IsOverdue(grade, ClientStatus.Active, last, due, GradingThresholds.Default));
        Assert.True(ContactDuty.IsOverdue(grade, ClientStatus.Active, last, due.AddDays(1), GradingThresholds.Default));
    }

    [Theory]
    [InlineData(ClientGrade.A)]
    [InlineData(ClientGrade.B)]
    [InlineData(ClientGrade.C)]
    public void A_terminated_client_is_never_overdue(ClientGrade grade)
    {
        var last = new DateOnly(2020, 1, 1);

        Assert.False(ContactDuty.IsOverdue(grade, ClientStatus.Terminated, last, Today, GradingThresholds.Default));
        Assert.True(ContactDuty.IsOverdue(grade, ClientStatus.Paused, last, Today, GradingThresholds.Default));
    }

    [Fact]
    public void Contact_intervals_are_settings()
    {
        var thresholds = GradingThresholds.Default with { ContactDaysA = 14 };
        var last = Today.AddDays(-15);

        Assert.True(ContactDuty.IsOverdue(ClientGrade.A, ClientStatus.Active, last, Today, thresholds));
        Assert.False(ContactDuty.IsOverdue(ClientGrade.A, ClientStatus.Active, last, Today, GradingThresholds.Default));
    }

    [Theory]
    [InlineData(ClientGrade.A)]
    [InlineData(ClientGrade.B)]
    [InlineData(ClientGrade.C)]
    public void Overdue_by_the_stored_due_day_agrees_with_overdue_by_the_contact_clock_on_every_day(ClientGrade grade)
    {
        for (var last = Today.AddDays(-120); last <= Today; last = last.AddDays(1))
        {
            var due = ContactDuty.DueOn(grade, last, GradingThresholds.Default);
            foreach (var status in Enum.GetValues<ClientStatus>())
            {
                Assert.Equal(ContactDuty.IsOverdue(grade, status, last, Today, GradingThresholds.Default), ContactDuty.IsOverdue(status, due, Today));
            }
        }
    }
}
