using System.Globalization;
using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Grading;

/// <summary>
/// One line of the grading table: whether the client meets it, the client's figure and what the rule asks.
/// Figures are language-neutral: numbers in invariant culture, enum values as "Type.Value", alternatives joined by " / ".
/// </summary>
public sealed record CriterionResult(ClientGrade Grade, GradingCriterion Criterion, bool Met, string Actual, string Required);

/// <summary>The grade the rules give a client, with every criterion of A and of B and how it came out.</summary>
public sealed record GradeAssessment(ClientGrade Grade, IReadOnlyList<CriterionResult> Criteria)
{
    public IEnumerable<CriterionResult> For(ClientGrade grade) => Criteria.Where(c => c.Grade == grade);

    /// <summary>The criteria that keep the client from the next grade up (for C: those of B; for B: those of A).</summary>
    public IEnumerable<CriterionResult> Missing => Grade switch
    {
        ClientGrade.A => [],
        ClientGrade.B => For(ClientGrade.A).Where(c => !c.Met),
        _ => For(ClientGrade.B).Where(c => !c.Met),
    };
}

/// <summary>
/// SPEC §4 grading rules. A when every A criterion holds, else B when every B criterion holds, else C.
/// Pure: the facts are aggregated elsewhere, set-based, and handed in. <see cref="GradeOf"/> and <see cref="Assess"/>
/// share one list of criteria; the first skips writing the figures, which a run needs only for the clients whose
/// grade changes.
/// </summary>
public static class GradingEngine
{
    public static GradeAssessment Assess(GradingFacts facts, GradingThresholds thresholds) => Evaluate(facts, thresholds, figures: true);

    /// <summary>The grade alone, without the figures: what a run computes for every client.</summary>
    public static ClientGrade GradeOf(GradingFacts facts, GradingThresholds thresholds) => Evaluate(facts, thresholds, figures: false).Grade;

    private static GradeAssessment Evaluate(GradingFacts facts, GradingThresholds thresholds, bool figures)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var t = thresholds;
        var f = new Figures(figures);
        var a = new List<CriterionResult>
        {
            Ongoing(ClientGrade.A, facts, f),
            new(ClientGrade.A, GradingCriterion.BatchesLast12Months, facts.BatchesLast12Months >= t.AMinBatchesLast12Months,
                f.N(facts.BatchesLast12Months), f.AtLeast(t.AMinBatchesLast12Months)),
            Years(ClientGrade.A, facts, t.AMinYearsWithCooperation, f),
            Volume(ClientGrade.A, facts, t.AMinWorkersLast24Months, t.AMinAmountCnyLast24Months, f),
        };
        a.AddRange(Credit(ClientGrade.A, facts, f));
        a.Add(Is(ClientGrade.A, GradingCriterion.OperatingStatus, facts.OperatingStatus, f, OperatingStatus.Good));
        a.Add(Is(ClientGrade.A, GradingCriterion.DemandTrend, facts.DemandTrend, f, DemandTrend.Growing));
        a.Add(Is(ClientGrade.A, GradingCriterion.CooperationIntent, facts.CooperationIntent, f, CooperationIntent.Strong));

        var b = new List<CriterionResult>
        {
            Ongoing(ClientGrade.B, facts, f),
            Years(ClientGrade.B, facts, t.BMinYearsWithCooperation, f),
            Volume(ClientGrade.B, facts, t.BMinWorkersLast24Months, t.BMinAmountCnyLast24Months, f),
        };
        b.AddRange(Credit(ClientGrade.B, facts, f));
        b.Add(Is(ClientGrade.B, GradingCriterion.OperatingStatus, facts.OperatingStatus, f, OperatingStatus.Good, OperatingStatus.Stable));
        b.Add(Is(ClientGrade.B, GradingCriterion.DemandTrend, facts.DemandTrend, f, DemandTrend.Growing, DemandTrend.Stable));
        b.Add(Is(ClientGrade.B, GradingCriterion.CooperationIntent, facts.CooperationIntent, f, CooperationIntent.Strong, CooperationIntent.Normal));

        var grade = a.TrueForAll(c => c.Met) ? ClientGrade.A : b.TrueForAll(c => c.Met) ? ClientGrade.B : ClientGrade.C;
        return new GradeAssessment(grade, [.. a, .. b]);
    }

    private static CriterionResult Ongoing(ClientGrade grade, GradingFacts facts, Figures f) =>
        new(grade, GradingCriterion.CooperationOngoing, facts.Status is not (ClientStatus.Paused or ClientStatus.Terminated),
            f.E(facts.Status), f.Any(ClientStatus.Prospect, ClientStatus.UnderEvaluation, ClientStatus.Active));

    private static CriterionResult Years(ClientGrade grade, GradingFacts facts, int minYears, Figures f) =>
        new(grade, GradingCriterion.YearsWithCooperation, facts.YearsWithCooperation >= minYears, f.N(facts.YearsWithCooperation), f.AtLeast(minYears));

    // 招聘人数或合同额: either figure reaching its threshold is enough.
    private static CriterionResult Volume(ClientGrade grade, GradingFacts facts, int minWorkers, decimal minAmount, Figures f) =>
        new(grade, GradingCriterion.Volume, facts.WorkersDispatchedLast24Months >= minWorkers || facts.AmountCnyLast24Months >= minAmount,
            f.Pair(facts.WorkersDispatchedLast24Months, facts.AmountCnyLast24Months), f.AtLeastPair(minWorkers, minAmount));

    // 履行合同和信誉状况良好: a good rating, and nothing open that says otherwise.
    private static IEnumerable<CriterionResult> Credit(ClientGrade grade, GradingFacts facts, Figures f) =>
    [
        Is(grade, GradingCriterion.CreditRating, facts.CreditRating, f, CreditRating.Excellent, CreditRating.Good),
        new(grade, GradingCriterion.NoOpenAbnormalWarning, facts.OpenAbnormalWarnings == 0, f.N(facts.OpenAbnormalWarnings), f.Zero),
        new(grade, GradingCriterion.NoOpenWageArrears, facts.OpenWageArrearsIncidents == 0, f.N(facts.OpenWageArrearsIncidents), f.Zero),
    ];

    private static CriterionResult Is<T>(ClientGrade grade, GradingCriterion criterion, T actual, Figures f, params T[] allowed) where T : struct, Enum =>
        new(grade, criterion, allowed.Contains(actual), f.E(actual), f.Any(allowed));

    /// <summary>Writes the language-neutral figures, or nothing when they are not wanted.</summary>
    private readonly struct Figures(bool write)
    {
        public string Zero => write ? "0" : "";

        public string N(decimal value) => write ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : "";

        public string AtLeast(decimal value) => write ? "≥ " + N(value) : "";

        public string Pair(decimal first, decimal second) => write ? $"{N(first)} / {N(second)}" : "";

        public string AtLeastPair(decimal first, decimal second) => write ? $"{AtLeast(first)} / {AtLeast(second)}" : "";

        public string E<T>(T value) where T : struct, Enum => write ? $"{typeof(T).Name}.{value}" : "";

        public string Any<T>(params T[] values) where T : struct, Enum => write ? string.Join(" / ", values.Select(E)) : "";
    }
}
