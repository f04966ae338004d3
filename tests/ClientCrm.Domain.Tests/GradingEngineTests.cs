using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

public sealed class GradingEngineTests
{
    /// <summary>A client that meets every A criterion, most of them exactly at the default threshold.</summary>
    internal static GradingFacts ClearA() => new()
    {
        Status = ClientStatus.Active,
        CreditRating = CreditRating.Good,
        OperatingStatus = OperatingStatus.Good,
        DemandTrend = DemandTrend.Growing,
        CooperationIntent = CooperationIntent.Strong,
        BatchesByYear = [3, 2],
        CooperationByYear = [true, true],
        WorkersDispatchedLast24Months = 100,
        AmountCnyLast24Months = 5_000_000m,
        AmountCnyLast12Months = 3_000_000m,
        OpenAbnormalWarnings = 0,
        OpenWageArrearsIncidents = 0,
    };

    private static GradeAssessment Assess(GradingFacts facts) => GradingEngine.Assess(facts, GradingThresholds.Default);

    private static CriterionResult Criterion(GradeAssessment assessment, ClientGrade grade, GradingCriterion criterion) =>
        Assert.Single(assessment.For(grade), c => c.Criterion == criterion);

    [Fact]
    public void A_client_meeting_every_A_criterion_exactly_at_the_thresholds_is_A_and_misses_nothing()
    {
        var assessment = Assess(ClearA());

        Assert.Equal(ClientGrade.A, assessment.Grade);
        // Every criterion of A and of B is there (B has all but the batches of the last 12 months), and each is met.
        Assert.Equal(2 * Enum.GetValues<GradingCriterion>().Length - 1, assessment.Criteria.Count);
        Assert.All(assessment.Criteria, c => Assert.True(c.Met, c.Criterion.ToString()));
        Assert.Empty(assessment.Missing);
    }

    [Fact]
    public void The_assessment_shows_every_criterion_of_A_and_of_B()
    {
        var assessment = Assess(ClearA());

        Assert.Equal(Enum.GetValues<GradingCriterion>().Order(), assessment.For(ClientGrade.A).Select(c => c.Criterion).Order());
        Assert.Equal(Enum.GetValues<GradingCriterion>().Where(c => c != GradingCriterion.BatchesLast12Months).Order(),
            assessment.For(ClientGrade.B).Select(c => c.Criterion).Order());
        Assert.Empty(assessment.For(ClientGrade.C));
    }

    [Fact]
    public void The_figures_behind_each_criterion_are_shown_in_invariant_form()
    {
        var assessment = Assess(ClearA() with { AmountCnyLast24Months = 4_999_999.99m, WorkersDispatchedLast24Months = 1234 });

        var volume = Criterion(assessment, ClientGrade.A, GradingCriterion.Volume);
        Assert.Equal("1,234 / 4,999,999.99", volume.Actual);
        Assert.Equal("≥ 100 / ≥ 5,000,000", volume.Required);
        var batches = Criterion(assessment, ClientGrade.A, GradingCriterion.BatchesLast12Months);
        Assert.Equal(("3", "≥ 3"), (batches.Actual, batches.Required));
        var intent = Criterion(assessment, ClientGrade.B, GradingCriterion.CooperationIntent);
        Assert.Equal(("CooperationIntent.Strong", "CooperationIntent.Strong / CooperationIntent.Normal"), (intent.Actual, intent.Required));
    }

    [Theory]
    [InlineData(3, ClientGrade.A)]
    [InlineData(4, ClientGrade.A)]
    [InlineData(2, ClientGrade.B)]
    [InlineData(0, ClientGrade.B)]
    public void A_needs_at_least_three_batches_in_the_last_twelve_months_and_B_does_not(int batches, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { BatchesByYear = [batches, 2] });

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(batches >= 3, Criterion(assessment, ClientGrade.A, GradingCriterion.BatchesLast12Months).Met);
    }

    [Fact]
    public void A_client_one_batch_short_of_A_is_B_and_the_batches_are_what_it_misses()
    {
        var assessment = Assess(ClearA() with { BatchesByYear = [2, 5] });

        Assert.Equal(ClientGrade.B, assessment.Grade);
        var missing = Assert.Single(assessment.Missing);
        Assert.Equal((ClientGrade.A, GradingCriterion.BatchesLast12Months, "2", "≥ 3"),
            (missing.Grade, missing.Criterion, missing.Actual, missing.Required));
    }

    public static TheoryData<bool[], int, ClientGrade> CooperationYears => new()
    {
        { [true, true], 2, ClientGrade.A },
        { [true, true, false], 2, ClientGrade.A },
        { [true, true, true], 3, ClientGrade.A },
        { [true, false], 1, ClientGrade.C },
        { [true, false, true], 1, ClientGrade.C },
        { [false, true], 0, ClientGrade.C },
        { [true], 1, ClientGrade.C },
        { [], 0, ClientGrade.C },
    };

    [Theory]
    [MemberData(nameof(CooperationYears))]
    public void A_and_B_both_need_cooperation_in_each_of_the_last_two_years_counted_back_from_now(
        bool[] cooperationByYear, int years, ClientGrade expected)
    {
        var facts = ClearA() with { CooperationByYear = cooperationByYear };
        var assessment = Assess(facts);

        Assert.Equal(years, facts.YearsWithCooperation);
        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(years >= 2, Criterion(assessment, ClientGrade.A, GradingCriterion.YearsWithCooperation).Met);
        Assert.Equal(years >= 2, Criterion(assessment, ClientGrade.B, GradingCriterion.YearsWithCooperation).Met);
    }

    public static TheoryData<int, decimal, ClientGrade> VolumeCases => new()
    {
        // A: ≥ 100 workers or ≥ CNY 5,000,000 — either alone is enough.
        { 100, 5_000_000m, ClientGrade.A },
        { 100, 0m, ClientGrade.A },
        { 0, 5_000_000m, ClientGrade.A },
        { 99, 5_000_000m, ClientGrade.A },
        { 100, 4_999_999.99m, ClientGrade.A },
        { 99, 4_999_999.99m, ClientGrade.B },
        // B: ≥ 30 workers or ≥ CNY 1,000,000.
        { 30, 0m, ClientGrade.B },
        { 0, 1_000_000m, ClientGrade.B },
        { 29, 1_000_000m, ClientGrade.B },
        { 30, 999_999.99m, ClientGrade.B },
        { 29, 999_999.99m, ClientGrade.C },
        { 0, 0m, ClientGrade.C },
    };

    [Theory]
    [MemberData(nameof(VolumeCases))]
    public void Volume_is_met_by_enough_workers_or_enough_contract_amount_in_the_last_24_months(
        int workers, decimal amountCny, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { WorkersDispatchedLast24Months = workers, AmountCnyLast24Months = amountCny });

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(expected == ClientGrade.A, Criterion(assessment, ClientGrade.A, GradingCriterion.Volume).Met);
        Assert.Equal(expected != ClientGrade.C, Criterion(assessment, ClientGrade.B, GradingCriterion.Volume).Met);
    }

    [Fact]
    public void An_amount_one_fen_under_five_million_with_too_few_workers_fails_the_A_volume()
    {
        var assessment = Assess(ClearA() with { WorkersDispatchedLast24Months = 99, AmountCnyLast24Months = 4_999_999.99m });

        var missing = Assert.Single(assessment.Missing);
        Assert.Equal(GradingCriterion.Volume, missing.Criterion);
        Assert.False(missing.Met);
    }

    [Theory]
    [InlineData(CreditRating.Excellent, ClientGrade.A)]
    [InlineData(CreditRating.Good, ClientGrade.A)]
    [InlineData(CreditRating.Fair, ClientGrade.C)]
    [InlineData(CreditRating.Poor, ClientGrade.C)]
    [InlineData(CreditRating.Unknown, ClientGrade.C)]
    public void Credit_needs_a_good_or_excellent_rating_for_A_and_for_B(CreditRating rating, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { CreditRating = rating });

        Assert.Equal(expected, assessment.Grade);
        if (expected == ClientGrade.C)
        {
            var missing = Assert.Single(assessment.Missing);
            Assert.Equal((ClientGrade.B, GradingCriterion.CreditRating, $"CreditRating.{rating}"), (missing.Grade, missing.Criterion, missing.Actual));
        }
    }

    [Theory]
    [InlineData(0, ClientGrade.A)]
    [InlineData(1, ClientGrade.C)]
    [InlineData(3, ClientGrade.C)]
    public void An_open_abnormal_warning_spoils_credit_for_A_and_B(int openWarnings, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { OpenAbnormalWarnings = openWarnings });

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(openWarnings == 0, Criterion(assessment, ClientGrade.A, GradingCriterion.NoOpenAbnormalWarning).Met);
        Assert.Equal(openWarnings == 0, Criterion(assessment, ClientGrade.B, GradingCriterion.NoOpenAbnormalWarning).Met);
    }

    [Fact]
    public void One_open_wage_arrears_incident_makes_an_otherwise_A_client_C_and_is_named_as_the_reason()
    {
        var assessment = Assess(ClearA() with { OpenWageArrearsIncidents = 1 });

        Assert.Equal(ClientGrade.C, assessment.Grade);
        var missing = Assert.Single(assessment.Missing);
        Assert.Equal((ClientGrade.B, GradingCriterion.NoOpenWageArrears, false, "1", "0"),
            (missing.Grade, missing.Criterion, missing.Met, missing.Actual, missing.Required));
        Assert.False(Criterion(assessment, ClientGrade.A, GradingCriterion.NoOpenWageArrears).Met);
    }

    [Theory]
    [InlineData(OperatingStatus.Good, ClientGrade.A)]
    [InlineData(OperatingStatus.Stable, ClientGrade.B)]
    [InlineData(OperatingStatus.Declining, ClientGrade.C)]
    [InlineData(OperatingStatus.Distressed, ClientGrade.C)]
    public void A_needs_good_operating_status_and_B_good_or_stable(OperatingStatus status, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { OperatingStatus = status });

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(status == OperatingStatus.Good, Criterion(assessment, ClientGrade.A, GradingCriterion.OperatingStatus).Met);
        Assert.Equal(expected != ClientGrade.C, Criterion(assessment, ClientGrade.B, GradingCriterion.OperatingStatus).Met);
    }

    [Theory]
    [InlineData(DemandTrend.Growing, ClientGrade.A)]
    [InlineData(DemandTrend.Stable, ClientGrade.B)]
    [InlineData(DemandTrend.Falling, ClientGrade.C)]
    public void A_needs_growing_demand_and_B_demand_that_is_not_falling(DemandTrend trend, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { DemandTrend = trend });

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(trend == DemandTrend.Growing, Criterion(assessment, ClientGrade.A, GradingCriterion.DemandTrend).Met);
        Assert.Equal(trend != DemandTrend.Falling, Criterion(assessment, ClientGrade.B, GradingCriterion.DemandTrend).Met);
    }

    [Theory]
    [InlineData(CooperationIntent.Strong, ClientGrade.A)]
    [InlineData(CooperationIntent.Normal, ClientGrade.B)]
    [InlineData(CooperationIntent.Weak, ClientGrade.C)]
    public void A_needs_strong_intent_and_B_at_least_normal(CooperationIntent intent, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { CooperationIntent = intent });

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(intent == CooperationIntent.Strong, Criterion(assessment, ClientGrade.A, GradingCriterion.CooperationIntent).Met);
        Assert.Equal(intent != CooperationIntent.Weak, Criterion(assessment, ClientGrade.B, GradingCriterion.CooperationIntent).Met);
    }

    [Theory]
    [InlineData(ClientStatus.Active, ClientGrade.A)]
    [InlineData(ClientStatus.Paused, ClientGrade.C)]
    [InlineData(ClientStatus.Terminated, ClientGrade.C)]
    public void A_paused_or_terminated_client_is_C_whatever_its_figures(ClientStatus status, ClientGrade expected)
    {
        var assessment = Assess(ClearA() with { Status = status });

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(expected == ClientGrade.A, Criterion(assessment, ClientGrade.A, GradingCriterion.CooperationOngoing).Met);
        Assert.Equal(expected == ClientGrade.A, Criterion(assessment, ClientGrade.B, GradingCriterion.CooperationOngoing).Met);
    }

    [Fact]
    public void A_client_failing_several_A_criteria_but_meeting_B_is_B_and_misses_exactly_those()
    {
        var assessment = Assess(ClearA() with
        {
            BatchesByYear = [1, 1],
            OperatingStatus = OperatingStatus.Stable,
            CooperationIntent = CooperationIntent.Normal,
        });

        Assert.Equal(ClientGrade.B, assessment.Grade);
        Assert.Equal(
            new[] { GradingCriterion.BatchesLast12Months, GradingCriterion.OperatingStatus, GradingCriterion.CooperationIntent },
            assessment.Missing.Select(c => c.Criterion).Order());
        Assert.All(assessment.Missing, c => Assert.Equal(ClientGrade.A, c.Grade));
    }

    [Fact]
    public void A_client_failing_B_is_C_and_misses_the_B_criteria_it_fails()
    {
        var assessment = Assess(ClearA() with { DemandTrend = DemandTrend.Falling, CreditRating = CreditRating.Fair });

        Assert.Equal(ClientGrade.C, assessment.Grade);
        Assert.Equal(new[] { GradingCriterion.CreditRating, GradingCriterion.DemandTrend }, assessment.Missing.Select(c => c.Criterion).Order());
        Assert.All(assessment.Missing, c => Assert.Equal(ClientGrade.B, c.Grade));
    }

    [Fact]
    public void A_client_with_no_projects_is_C_because_it_has_no_cooperation_and_no_volume()
    {
        var assessment = Assess(new GradingFacts
        {
            Status = ClientStatus.Prospect,
            CreditRating = CreditRating.Excellent,
            OperatingStatus = OperatingStatus.Good,
            DemandTrend = DemandTrend.Growing,
            CooperationIntent = CooperationIntent.Strong,
        });

        Assert.Equal(ClientGrade.C, assessment.Grade);
        Assert.Equal(new[] { GradingCriterion.YearsWithCooperation, GradingCriterion.Volume }, assessment.Missing.Select(c => c.Criterion).Order());
        Assert.Equal("0", Criterion(assessment, ClientGrade.A, GradingCriterion.BatchesLast12Months).Actual);
    }

    [Fact]
    public void Lower_A_thresholds_turn_a_B_client_into_A()
    {
        var facts = ClearA() with { BatchesByYear = [2, 2], WorkersDispatchedLast24Months = 80, AmountCnyLast24Months = 0m };
        Assert.Equal(ClientGrade.B, Assess(facts).Grade);

        var lower = GradingThresholds.Default with { AMinBatchesLast12Months = 2, AMinWorkersLast24Months = 80 };
        var assessment = GradingEngine.Assess(facts, lower);

        Assert.Equal(ClientGrade.A, assessment.Grade);
        Assert.Equal("≥ 2", Criterion(assessment, ClientGrade.A, GradingCriterion.BatchesLast12Months).Required);
    }

    [Fact]
    public void Higher_B_thresholds_turn_a_B_client_into_C()
    {
        var facts = ClearA() with { WorkersDispatchedLast24Months = 30, AmountCnyLast24Months = 1_000_000m };
        Assert.Equal(ClientGrade.B, Assess(facts).Grade);

        var higher = GradingThresholds.Default with { BMinWorkersLast24Months = 31, BMinAmountCnyLast24Months = 1_000_000.01m };
        var assessment = GradingEngine.Assess(facts, higher);

        Assert.Equal(ClientGrade.C, assessment.Grade);
        Assert.Equal("≥ 31 / ≥ 1,000,000.01", Assert.Single(assessment.Missing).Required);
    }

    [Fact]
    public void More_years_of_cooperation_required_for_A_make_a_two_year_client_B()
    {
        var thresholds = GradingThresholds.Default with { AMinYearsWithCooperation = 3 };

        Assert.Equal(ClientGrade.B, GradingEngine.Assess(ClearA(), thresholds).Grade);
        Assert.Equal(ClientGrade.A, GradingEngine.Assess(ClearA() with { CooperationByYear = [true, true, true] }, thresholds).Grade);
    }
}

public sealed class GradeOfTests
{
    [Fact]
    public void The_grade_without_figures_is_the_grade_of_the_full_assessment_for_every_combination_of_card_values()
    {
        var thresholds = ClientCrm.Domain.Grading.GradingThresholds.Default;
        var cases =
            from status in Enum.GetValues<ClientCrm.Domain.Clients.ClientStatus>()
            from credit in Enum.GetValues<ClientCrm.Domain.Clients.CreditRating>()
            from operating in Enum.GetValues<ClientCrm.Domain.Clients.OperatingStatus>()
            from demand in Enum.GetValues<ClientCrm.Domain.Clients.DemandTrend>()
            from intent in Enum.GetValues<ClientCrm.Domain.Clients.CooperationIntent>()
            from volume in new (int Batches, int Workers, int Arrears)[] { (3, 100, 0), (2, 99, 0), (3, 30, 1), (0, 0, 0) }
            select new ClientCrm.Domain.Grading.GradingFacts
            {
                Status = status, CreditRating = credit, OperatingStatus = operating, DemandTrend = demand, CooperationIntent = intent,
                BatchesByYear = [volume.Batches, 1], CooperationByYear = [volume.Batches > 0, true], WorkersDispatchedLast24Months = volume.Workers,
                OpenWageArrearsIncidents = volume.Arrears,
            };
        var checkedCases = 0;
        foreach (var facts in cases)
        {
            var full = ClientCrm.Domain.Grading.GradingEngine.Assess(facts, thresholds);
            Assert.Equal(full.Grade, ClientCrm.Domain.Grading.GradingEngine.GradeOf(facts, thresholds));
            checkedCases++;
        }

        Assert.Equal(5 * 5 * 4 * 3 * 3 * 4, checkedCases);
    }
}
