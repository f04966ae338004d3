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
/// Pure: the facts are aggregated elsewhere, set-based, and handed in.
/// </summary>
public static class GradingEngine
{
    public static GradeAssessment Assess(GradingFacts facts, GradingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var t = thresholds;
        var a = new List<CriterionResult>
        {
            Ongoing(ClientGrade.A, facts),
            new(ClientGrade.A, GradingCriterion.BatchesLast12Months, facts.BatchesLast12Months >= t.AMinBatchesLast12Months,
                N(facts.BatchesLast12Months), "≥ " + N(t.AMinBatchesLast12Months)),
            Years(ClientGrade.A, facts, t.AMinYearsWithCooperation),
            Volume(ClientGrade.A, facts, t.AMinWorkersLast24Months, t.AMinAmountCnyLast24Months),
        };
        a.AddRange(Credit(ClientGrade.A, facts));
        a.Add(Is(ClientGrade.A, GradingCriterion.OperatingStatus, facts.OperatingStatus, OperatingStatus.Good));
        a.Add(Is(ClientGrade.A, GradingCriterion.DemandTrend, facts.DemandTrend, DemandTrend.Growing));
        a.Add(Is(ClientGrade.A, GradingCriterion.CooperationIntent, facts.CooperationIntent, CooperationIntent.Strong));

        var b = new List<CriterionResult>
        {
            Ongoing(ClientGrade.B, facts),
            Years(ClientGrade.B, facts, t.BMinYearsWithCooperation),
            Volume(ClientGrade.B, facts, t.BMinWorkersLast24Months, t.BMinAmountCnyLast24Months),
        };
        b.AddRange(Credit(ClientGrade.B, facts));
        b.Add(Is(ClientGrade.B, GradingCriterion.OperatingStatus, facts.OperatingStatus, OperatingStatus.Good, OperatingStatus.Stable));
        b.Add(Is(ClientGrade.B, GradingCriterion.DemandTrend, facts.DemandTrend, DemandTrend.Growing, DemandTrend.Stable));
        b.Add(Is(ClientGrade.B, GradingCriterion.CooperationIntent, facts.CooperationIntent, CooperationIntent.Strong, CooperationIntent.Normal));

        var grade = a.TrueForAll(c => c.Met) ? ClientGrade.A : b.TrueForAll(c => c.Met) ? ClientGrade.B : ClientGrade.C;
        return new GradeAssessment(grade, [.. a, .. b]);
    }

    private static CriterionResult Ongoing(ClientGrade grade, GradingFacts f) =>
        new(grade, GradingCriterion.CooperationOngoing, f.Status is not (ClientStatus.Paused or ClientStatus.Terminated),
            E(f.Status), $"{E(ClientStatus.Prospect)} / {E(ClientStatus.UnderEvaluation)} / {E(ClientStatus.Active)}");

    private static CriterionResult Years(ClientGrade grade, GradingFacts f, int minYears) =>
        new(grade, GradingCriterion.YearsWithCooperation, f.YearsWithCooperation >= minYears, N(f.YearsWithCooperation), "≥ " + N(minYears));

    // 招聘人数或合同额: either figure reaching its threshold is enough.
    private static CriterionResult Volume(ClientGrade grade, GradingFacts f, int minWorkers, decimal minAmount) =>
        new(grade, GradingCriterion.Volume, f.WorkersDispatchedLast24Months >= minWorkers || f.AmountCnyLast24Months >= minAmount,
            $"{N(f.WorkersDispatchedLast24Months)} / {N(f.AmountCnyLast24Months)}", $"≥ {N(minWorkers)} / ≥ {N(minAmount)}");

    // 履行合同和信誉状况良好: a good rating, and nothing open that says otherwise.
    private static IEnumerable<CriterionResult> Credit(ClientGrade grade, GradingFacts f) =>
    [
        Is(grade, GradingCriterion.CreditRating, f.CreditRating, CreditRating.Excellent, CreditRating.Good),
        new(grade, GradingCriterion.NoOpenAbnormalWarning, f.OpenAbnormalWarnings == 0, N(f.OpenAbnormalWarnings), "0"),
        new(grade, GradingCriterion.NoOpenWageArrears, f.OpenWageArrearsIncidents == 0, N(f.OpenWageArrearsIncidents), "0"),
    ];

    private static CriterionResult Is<T>(ClientGrade grade, GradingCriterion criterion, T actual, params T[] allowed) where T : struct, Enum =>
        new(grade, criterion, allowed.Contains(actual), E(actual), string.Join(" / ", allowed.Select(E)));

    private static string E<T>(T value) where T : struct, Enum => $"{typeof(T).Name}.{value}";

    private static string N(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
