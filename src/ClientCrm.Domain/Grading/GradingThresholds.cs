namespace ClientCrm.Domain.Grading;

/// <summary>
/// The thresholds of the grading rules and the contact intervals of each grade (SPEC §4). Leaders edit them;
/// <see cref="Default"/> holds the values of the SPEC table.
/// </summary>
public sealed record GradingThresholds
{
    public static readonly GradingThresholds Default = new();

    public int AMinBatchesLast12Months { get; init; } = 3;
    public int AMinYearsWithCooperation { get; init; } = 2;
    public int AMinWorkersLast24Months { get; init; } = 100;
    public decimal AMinAmountCnyLast24Months { get; init; } = 5_000_000m;
    public int BMinYearsWithCooperation { get; init; } = 2;
    public int BMinWorkersLast24Months { get; init; } = 30;
    public decimal BMinAmountCnyLast24Months { get; init; } = 1_000_000m;

    public int ContactDaysA { get; init; } = 30;
    public int ContactDaysB { get; init; } = 60;
    public int ContactDaysC { get; init; } = 90;

    /// <summary>Cumulative share of last year's amount (percent) up to which clients are class I, then II.</summary>
    public int ParetoClassIPercent { get; init; } = 70;
    public int ParetoClassIIPercent { get; init; } = 90;

    /// <summary>The engine looks back this many 12-month windows at most.</summary>
    public const int MaxYears = 5;

    public int ContactDays(ClientGrade grade) => grade switch
    {
        ClientGrade.A => ContactDaysA,
        ClientGrade.B => ContactDaysB,
        _ => ContactDaysC,
    };

    /// <summary>Resource keys of the rules the values break; empty when they are consistent.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AMinBatchesLast12Months < 1 || AMinWorkersLast24Months < 1 || BMinWorkersLast24Months < 1
            || AMinAmountCnyLast24Months <= 0 || BMinAmountCnyLast24Months <= 0)
        {
            problems.Add("Grading.Thresholds.Positive");
        }

        if (AMinYearsWithCooperation is < 1 or > MaxYears || BMinYearsWithCooperation is < 1 or > MaxYears)
        {
            problems.Add("Grading.Thresholds.Years");
        }

        // An A client must also be a B client, or a grade could fall from A straight past B.
        if (AMinWorkersLast24Months < BMinWorkersLast24Months || AMinAmountCnyLast24Months < BMinAmountCnyLast24Months
            || AMinYearsWithCooperation < BMinYearsWithCooperation)
        {
            problems.Add("Grading.Thresholds.AAboveB");
        }

        if (ContactDaysA < 1 || ContactDaysA > ContactDaysB || ContactDaysB > ContactDaysC || ContactDaysC > 366)
        {
            problems.Add("Grading.Thresholds.ContactOrder");
        }

        if (ParetoClassIPercent is < 1 or > 99 || ParetoClassIIPercent <= ParetoClassIPercent || ParetoClassIIPercent > 99)
        {
            problems.Add("Grading.Thresholds.Pareto");
        }

        return problems;
    }
}
