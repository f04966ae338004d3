using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Domain.Tests;

public sealed class WarningRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly WarningThresholds Defaults = WarningThresholds.Default;

    /// <summary>An active C client with nothing wrong: no rule holds.</summary>
    private static WarningFacts Quiet() => new()
    {
        Grade = ClientGrade.C,
        Status = ClientStatus.Active,
        OperatingStatus = OperatingStatus.Good,
        LastBatchSignedOn = Today,
    };

    private static IReadOnlyList<RuleFinding> Evaluate(WarningFacts facts, WarningThresholds? thresholds = null) =>
        WarningRules.Evaluate(facts, thresholds ?? Defaults, Today);

    private static bool Fires(WarningFacts facts, WarningRule rule, WarningThresholds? thresholds = null) =>
        Evaluate(facts, thresholds).Any(f => f.Rule == rule);

    private static RuleFinding Finding(WarningFacts facts, WarningRule rule, WarningThresholds? thresholds = null) =>
        Assert.Single(Evaluate(facts, thresholds), f => f.Rule == rule);

    private static string Figure(RuleFinding finding, string name) => Assert.Single(finding.Evidence, f => f.Name == name).Value;

    [Theory]
    [InlineData(ClientGrade.A)]
    [InlineData(ClientGrade.B)]
    [InlineData(ClientGrade.C)]
    public void A_client_with_nothing_wrong_raises_no_warning(ClientGrade grade)
    {
        Assert.Empty(Evaluate(Quiet() with { Grade = grade }));
    }

    // ---- Major change: operating status ----

    [Theory]
    [InlineData(OperatingStatus.Good, false)]
    [InlineData(OperatingStatus.Stable, false)]
    [InlineData(OperatingStatus.Declining, true)]
    [InlineData(OperatingStatus.Distressed, true)]
    public void A_declining_or_distressed_business_raises_a_major_change_warning(OperatingStatus status, bool fires)
    {
        Assert.Equal(fires, Fires(Quiet() with { OperatingStatus = status }, WarningRule.OperatingStatusDeclined));
    }

    [Theory]
    [InlineData(OperatingStatus.Declining, "Declining")]
    [InlineData(OperatingStatus.Distressed, "Distressed")]
    public void The_operating_status_warning_shows_the_status_as_evidence(OperatingStatus status, string value)
    {
        var finding = Finding(Quiet() with { OperatingStatus = status }, WarningRule.OperatingStatusDeclined);

        Assert.Equal([new WarningFigure("OperatingStatus", value)], finding.Evidence);
        Assert.Equal(WarningFamily.MajorChange, finding.Family);
    }

    // ---- Churn: demand drop ----

    [Theory]
    [InlineData(9, 0)]
    [InlineData(9, 5)]
    [InlineData(0, 0)]
    public void Demand_below_ten_workers_in_the_previous_year_never_counts_as_a_drop(int previous, int last)
    {
        var facts = Quiet() with { WorkersRequestedPrevious12Months = previous, WorkersRequestedLast12Months = last };

        Assert.False(Fires(facts, WarningRule.DemandDrop));
        Assert.Null(WarningRules.DemandDropped(facts, Defaults));
    }

    [Theory]
    [InlineData(10, 0, true)]
    [InlineData(10, 6, true)]
    [InlineData(10, 7, false)]
    [InlineData(10, 10, false)]
    [InlineData(10, 15, false)]
    [InlineData(100, 60, true)]
    [InlineData(100, 61, false)]
    public void Demand_at_least_forty_percent_below_the_previous_year_raises_a_churn_warning(int previous, int last, bool fires)
    {
        var facts = Quiet() with { WorkersRequestedPrevious12Months = previous, WorkersRequestedLast12Months = last };

        Assert.Equal(fires, Fires(facts, WarningRule.DemandDrop));
    }

    [Theory]
    [InlineData(10, 6, "40")]
    [InlineData(10, 0, "100")]
    [InlineData(12, 7, "41.7")]
    [InlineData(30, 17, "43.3")]
    public void The_demand_drop_warning_shows_both_years_and_the_drop_in_percent(int previous, int last, string percent)
    {
        var finding = Finding(Quiet() with { WorkersRequestedPrevious12Months = previous, WorkersRequestedLast12Months = last }, WarningRule.DemandDrop);

        Assert.Equal(
            [
                new WarningFigure("WorkersRequestedLast12Months", last.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new WarningFigure("WorkersRequestedPrevious12Months", previous.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new WarningFigure("DropPercent", percent),
                new WarningFigure("ThresholdPercent", "40"),
            ],
            finding.Evidence);
        Assert.Equal(WarningFamily.Churn, finding.Family);
    }

    [Theory]
    [InlineData(10, 5, true)]
    [InlineData(10, 6, false)]
    [InlineData(20, 10, true)]
    [InlineData(20, 11, false)]
    public void A_changed_drop_percent_moves_the_boundary(int previous, int last, bool fires)
    {
        var thresholds = Defaults with { DemandDropPercent = 50 };
        var facts = Quiet() with { WorkersRequestedPrevious12Months = previous, WorkersRequestedLast12Months = last };

        Assert.Equal(fires, Fires(facts, WarningRule.DemandDrop, thresholds));
        if (fires)
        {
            Assert.Equal("50", Figure(Finding(facts, WarningRule.DemandDrop, thresholds), "ThresholdPercent"));
        }
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void A_changed_minimum_previous_demand_moves_the_boundary(int previous, bool fires)
    {
        var thresholds = Defaults with { DemandDropMinPrevious = 5 };
        var facts = Quiet() with { WorkersRequestedPrevious12Months = previous, WorkersRequestedLast12Months = 0 };

        Assert.Equal(fires, Fires(facts, WarningRule.DemandDrop, thresholds));
    }

    // ---- Churn: no new batch ----

    [Theory]
    [InlineData(ClientGrade.A, 179, false)]
    [InlineData(ClientGrade.A, 180, true)]
    [InlineData(ClientGrade.A, 181, true)]
    [InlineData(ClientGrade.B, 364, false)]
    [InlineData(ClientGrade.B, 365, true)]
    [InlineData(ClientGrade.B, 366, true)]
    [InlineData(ClientGrade.C, 365, false)]
    [InlineData(ClientGrade.C, 5000, false)]
    public void A_and_B_clients_without_a_new_batch_for_too_long_raise_a_churn_warning_C_clients_never(ClientGrade grade, int daysSince, bool fires)
    {
        var facts = Quiet() with { Grade = grade, LastBatchSignedOn = Today.AddDays(-daysSince) };

        Assert.Equal(fires, Fires(facts, WarningRule.NoNewBatch));
    }

    [Theory]
    [InlineData(ClientGrade.A, true)]
    [InlineData(ClientGrade.B, true)]
    [InlineData(ClientGrade.C, false)]
    public void A_and_B_clients_that_never_signed_a_batch_raise_a_churn_warning_with_a_dash_for_the_date(ClientGrade grade, bool fires)
    {
        var facts = Quiet() with { Grade = grade, LastBatchSignedOn = null };

        Assert.Equal(fires, Fires(facts, WarningRule.NoNewBatch));
        if (fires)
        {
            Assert.Equal("-", Figure(Finding(facts, WarningRule.NoNewBatch), "LastBatchSignedOn"));
        }
    }

    [Fact]
    public void The_no_new_batch_warning_shows_the_grade_the_last_signing_day_and_the_limit()
    {
        var finding = Finding(Quiet() with { Grade = ClientGrade.B, LastBatchSignedOn = new DateOnly(2025, 11, 1) }, WarningRule.NoNewBatch);

        Assert.Equal(
            [new WarningFigure("Grade", "B"), new WarningFigure("LastBatchSignedOn", "2025-11-01"), new WarningFigure("ThresholdDays", "365")],
            finding.Evidence);
        Assert.Equal(WarningFamily.Churn, finding.Family);
    }

    [Theory]
    [InlineData(ClientGrade.A, 89, false)]
    [InlineData(ClientGrade.A, 90, true)]
    [InlineData(ClientGrade.B, 199, false)]
    [InlineData(ClientGrade.B, 200, true)]
    public void Changed_no_new_batch_days_move_the_boundary(ClientGrade grade, int daysSince, bool fires)
    {
        var thresholds = Defaults with { NoNewBatchDaysA = 90, NoNewBatchDaysB = 200 };
        var facts = Quiet() with { Grade = grade, LastBatchSignedOn = Today.AddDays(-daysSince) };

        Assert.Equal(fires, Fires(facts, WarningRule.NoNewBatch, thresholds));
    }

    [Theory]
    [InlineData(ClientGrade.A, 180)]
    [InlineData(ClientGrade.B, 365)]
    public void No_new_batch_days_follow_the_grade(ClientGrade grade, int days)
    {
        Assert.Equal(days, WarningRules.NoNewBatchDays(grade, Defaults));
        Assert.Null(WarningRules.NoNewBatchDays(ClientGrade.C, Defaults));
    }

    [Fact]
    public void A_terminated_client_never_gets_churn_warnings_but_still_gets_abnormal_ones()
    {
        var facts = new WarningFacts
        {
            Grade = ClientGrade.A,
            Status = ClientStatus.Terminated,
            OperatingStatus = OperatingStatus.Good,
            WorkersRequestedPrevious12Months = 100,
            WorkersRequestedLast12Months = 0,
            LastBatchSignedOn = null,
            OpenWageArrearsIncidents = 1,
            WorkersOwedWages = 3,
            RecentLaborDisputes = 2,
            RecentlyRepatriatedWorkers = 5,
            WorkersOnSite = 10,
        };

        var rules = Evaluate(facts).Select(f => f.Rule).ToList();

        Assert.DoesNotContain(rules, r => WarningRules.FamilyOf(r) == WarningFamily.Churn);
        Assert.Equal([WarningRule.WageArrears, WarningRule.LaborDisputes, WarningRule.EarlyRepatriation], rules);
    }

    [Theory]
    [InlineData(ClientStatus.Prospect)]
    [InlineData(ClientStatus.UnderEvaluation)]
    [InlineData(ClientStatus.Active)]
    [InlineData(ClientStatus.Paused)]
    public void Clients_that_are_not_terminated_do_get_churn_warnings(ClientStatus status)
    {
        var facts = Quiet() with
        {
            Grade = ClientGrade.A, Status = status, LastBatchSignedOn = null,
            WorkersRequestedPrevious12Months = 10, WorkersRequestedLast12Months = 0,
        };

        Assert.True(Fires(facts, WarningRule.NoNewBatch));
        Assert.True(Fires(facts, WarningRule.DemandDrop));
    }

    // ---- Abnormal: wage arrears ----

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    public void Any_open_wage_arrears_incident_raises_an_abnormal_warning(int incidents, bool fires)
    {
        Assert.Equal(fires, Fires(Quiet() with { OpenWageArrearsIncidents = incidents, WorkersOwedWages = incidents * 3 }, WarningRule.WageArrears));
    }

    [Fact]
    public void The_wage_arrears_warning_counts_incidents_and_workers_owed()
    {
        var finding = Finding(Quiet() with { OpenWageArrearsIncidents = 2, WorkersOwedWages = 17 }, WarningRule.WageArrears);

        Assert.Equal([new WarningFigure("OpenWageArrearsIncidents", "2"), new WarningFigure("WorkersOwedWages", "17")], finding.Evidence);
        Assert.Equal(WarningFamily.Abnormal, finding.Family);
    }

    // ---- Abnormal: labor disputes ----

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(7, true)]
    public void Two_labor_disputes_in_the_window_raise_an_abnormal_warning(int disputes, bool fires)
    {
        Assert.Equal(fires, Fires(Quiet() with { RecentLaborDisputes = disputes }, WarningRule.LaborDisputes));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_changed_dispute_minimum_moves_the_boundary_and_shows_in_the_evidence(int disputes, bool fires)
    {
        var thresholds = Defaults with { LaborDisputesMin = 3, LaborDisputesDays = 60 };
        var facts = Quiet() with { RecentLaborDisputes = disputes };

        Assert.Equal(fires, Fires(facts, WarningRule.LaborDisputes, thresholds));
        if (fires)
        {
            Assert.Equal(
                [new WarningFigure("RecentLaborDisputes", "3"), new WarningFigure("WindowDays", "60"), new WarningFigure("ThresholdCount", "3")],
                Finding(facts, WarningRule.LaborDisputes, thresholds).Evidence);
        }
    }

    // ---- Abnormal: early repatriation ----

    [Theory]
    [InlineData(4, 100, false)]
    [InlineData(5, 100, true)]
    [InlineData(3, 15, true)]
    [InlineData(2, 15, false)]
    [InlineData(4, 0, false)]
    [InlineData(5, 0, true)]
    [InlineData(0, 0, false)]
    [InlineData(1, 5, true)]
    [InlineData(1, 6, false)]
    public void Five_workers_or_a_fifth_of_those_on_site_sent_home_early_raise_an_abnormal_warning(int sent, int onSite, bool fires)
    {
        var facts = Quiet() with { RecentlyRepatriatedWorkers = sent, WorkersOnSite = onSite };

        Assert.Equal(fires, Fires(facts, WarningRule.EarlyRepatriation));
    }

    [Theory]
    [InlineData(3, 15, "20")]
    [InlineData(5, 100, "5")]
    [InlineData(5, 0, "0")]
    [InlineData(5, 12, "41.7")]
    public void The_repatriation_warning_shows_the_share_of_those_on_site_in_percent(int sent, int onSite, string percent)
    {
        var finding = Finding(Quiet() with { RecentlyRepatriatedWorkers = sent, WorkersOnSite = onSite }, WarningRule.EarlyRepatriation);

        Assert.Equal(
            [
                new WarningFigure("RecentlyRepatriatedWorkers", sent.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new WarningFigure("WorkersOnSite", onSite.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new WarningFigure("RepatriatedPercent", percent),
                new WarningFigure("WindowDays", "90"),
            ],
            finding.Evidence);
        Assert.Equal(WarningFamily.Abnormal, finding.Family);
    }

    [Theory]
    [InlineData(9, 1000, false)]
    [InlineData(10, 1000, true)]
    [InlineData(4, 10, false)]
    [InlineData(5, 10, true)]
    public void Changed_repatriation_thresholds_move_both_boundaries(int sent, int onSite, bool fires)
    {
        var thresholds = Defaults with { RepatriatedMinWorkers = 10, RepatriatedMinPercent = 50 };
        var facts = Quiet() with { RecentlyRepatriatedWorkers = sent, WorkersOnSite = onSite };

        Assert.Equal(fires, Fires(facts, WarningRule.EarlyRepatriation, thresholds));
    }

    // ---- Families and severity ----

    [Theory]
    [InlineData(WarningRule.OperatingStatusDeclined, WarningFamily.MajorChange)]
    [InlineData(WarningRule.DemandDrop, WarningFamily.Churn)]
    [InlineData(WarningRule.NoNewBatch, WarningFamily.Churn)]
    [InlineData(WarningRule.WageArrears, WarningFamily.Abnormal)]
    [InlineData(WarningRule.LaborDisputes, WarningFamily.Abnormal)]
    [InlineData(WarningRule.EarlyRepatriation, WarningFamily.Abnormal)]
    public void Every_rule_belongs_to_its_family(WarningRule rule, WarningFamily family)
    {
        Assert.Equal(family, WarningRules.FamilyOf(rule));
        Assert.Equal(family, new RuleFinding(rule, []).Family);
    }

    /// <summary>SPEC §7 severity: high for abnormal warnings and for any warning on an A client. Shared with the filing tests.</summary>
    public static TheoryData<WarningFamily, ClientGrade, WarningSeverity> SeverityTable => new()
    {
        { WarningFamily.MajorChange, ClientGrade.A, WarningSeverity.High },
        { WarningFamily.Churn, ClientGrade.A, WarningSeverity.High },
        { WarningFamily.Abnormal, ClientGrade.A, WarningSeverity.High },
        { WarningFamily.MajorChange, ClientGrade.B, WarningSeverity.Normal },
        { WarningFamily.Churn, ClientGrade.B, WarningSeverity.Normal },
        { WarningFamily.Abnormal, ClientGrade.B, WarningSeverity.High },
        { WarningFamily.MajorChange, ClientGrade.C, WarningSeverity.Normal },
        { WarningFamily.Churn, ClientGrade.C, WarningSeverity.Normal },
        { WarningFamily.Abnormal, ClientGrade.C, WarningSeverity.High },
    };

    [Theory]
    [MemberData(nameof(SeverityTable))]
    public void Abnormal_warnings_and_any_warning_on_an_A_client_are_high(WarningFamily family, ClientGrade grade, WarningSeverity severity)
    {
        Assert.Equal(severity, WarningRules.SeverityOf(family, grade));
    }

    // ---- Evidence ----

    private static WarningFacts Troubled() => Quiet() with
    {
        Grade = ClientGrade.A,
        OperatingStatus = OperatingStatus.Distressed,
        BusinessLicenseValidThrough = Today.AddDays(-1),
        WorkersRequestedPrevious12Months = 30,
        WorkersRequestedLast12Months = 17,
        LastBatchSignedOn = Today.AddDays(-200),
        OpenWageArrearsIncidents = 1,
        WorkersOwedWages = 4,
        RecentLaborDisputes = 2,
        RecentlyRepatriatedWorkers = 6,
        WorkersOnSite = 40,
    };

    [Fact]
    public void Every_rule_can_hold_at_once_in_the_order_of_the_rules()
    {
        Assert.Equal(Enum.GetValues<WarningRule>(), Evaluate(Troubled()).Select(f => f.Rule));
    }

    [Fact]
    public void The_same_facts_give_the_same_evidence_for_every_rule()
    {
        var first = Evaluate(Troubled());
        var second = Evaluate(Troubled());

        Assert.Equal(Enum.GetValues<WarningRule>().Length, first.Count); // every rule holds for the troubled client
        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair =>
        {
            Assert.Equal(pair.First.Rule, pair.Second.Rule);
            Assert.True(WarningEvidence.Same(pair.First.Evidence, pair.Second.Evidence), pair.First.Rule.ToString());
        });
    }

    [Fact]
    public void A_changed_figure_changes_the_evidence()
    {
        var before = Finding(Troubled(), WarningRule.WageArrears).Evidence;
        var after = Finding(Troubled() with { WorkersOwedWages = 5 }, WarningRule.WageArrears).Evidence;
        var repatriatedBefore = Finding(Troubled(), WarningRule.EarlyRepatriation).Evidence;
        var repatriatedAfter = Finding(Troubled() with { WorkersOnSite = 41 }, WarningRule.EarlyRepatriation).Evidence;

        Assert.False(WarningEvidence.Same(before, after));
        Assert.False(WarningEvidence.Same(repatriatedBefore, repatriatedAfter));
    }

    [Fact]
    public void Evidence_compares_as_an_ordered_whole()
    {
        WarningFigure[] ab = [new("A", "1"), new("B", "2")];

        Assert.True(WarningEvidence.Same(ab, [new("A", "1"), new("B", "2")]));
        Assert.False(WarningEvidence.Same(ab, [new("B", "2"), new("A", "1")]));
        Assert.False(WarningEvidence.Same(ab, [new("A", "1")]));
        Assert.False(WarningEvidence.Same(ab, [new("A", "1"), new("B", "2"), new("C", "3")]));
        Assert.True(WarningEvidence.Same([], []));
    }

    // ---- Windows ----

    [Theory]
    [InlineData(1, "2026-11-22")]
    [InlineData(2, "2026-11-21")]
    [InlineData(90, "2026-08-25")]
    [InlineData(365, "2025-11-23")]
    public void A_window_of_n_days_ends_today_and_includes_today(int days, string since)
    {
        Assert.Equal(DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture), WarningWindows.Since(Today, days));
    }

    [Theory]
    [InlineData(-1, null, true)]
    [InlineData(null, -1, true)]
    [InlineData(0, 0, false)]
    [InlineData(null, null, false)]
    [InlineData(30, 400, false)]
    public void An_expired_business_license_or_credit_certificate_is_a_major_change(int? licenseDays, int? creditDays, bool fires)
    {
        var facts = Quiet() with
        {
            BusinessLicenseValidThrough = licenseDays is { } l ? Today.AddDays(l) : null,
            CreditCertificateValidThrough = creditDays is { } c ? Today.AddDays(c) : null,
        };

        Assert.Equal(fires, Fires(facts, WarningRule.DocumentExpired));
        Assert.Equal(WarningFamily.MajorChange, WarningRules.FamilyOf(WarningRule.DocumentExpired));
        Assert.Equal(WarningSourceKind.Documents, WarningRules.SourceKindOf(WarningRule.DocumentExpired));
    }

    [Fact]
    public void The_expiry_warning_shows_both_days_and_an_open_ended_one_as_such()
    {
        var finding = Finding(Quiet() with { BusinessLicenseValidThrough = Today.AddDays(-3), CreditCertificateValidThrough = DateOnly.MaxValue },
            WarningRule.DocumentExpired);

        Assert.Equal(Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Figure(finding, "BusinessLicenseValidUntil"));
        Assert.Equal("∞", Figure(finding, "CreditCertificateValidUntil"));
    }
}
