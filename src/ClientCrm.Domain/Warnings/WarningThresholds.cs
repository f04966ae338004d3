namespace ClientCrm.Domain.Warnings;

/// <summary>The thresholds of the automatic warning rules and of the review deadline (SPEC §7 defaults). Leaders edit them.</summary>
public sealed record WarningThresholds
{
    public static readonly WarningThresholds Default = new();

    /// <summary>Churn: workers requested in the last 12 months at least this many percent below the 12 before…</summary>
    public int DemandDropPercent { get; init; } = 40;

    /// <summary>…when the 12 months before asked for at least this many workers (small numbers swing too much).</summary>
    public int DemandDropMinPrevious { get; init; } = 10;

    /// <summary>Churn: an A client with no newly signed batch for this many days.</summary>
    public int NoNewBatchDaysA { get; init; } = 180;

    /// <summary>Churn: a B client with no newly signed batch for this many days.</summary>
    public int NoNewBatchDaysB { get; init; } = 365;

    /// <summary>Abnormal: at least this many labor disputes…</summary>
    public int LaborDisputesMin { get; init; } = 2;

    /// <summary>…that happened within this many days.</summary>
    public int LaborDisputesDays { get; init; } = 90;

    /// <summary>Abnormal: at least this many workers repatriated early…</summary>
    public int RepatriatedMinWorkers { get; init; } = 5;

    /// <summary>…or at least this percentage of the workers on site…</summary>
    public int RepatriatedMinPercent { get; init; } = 20;

    /// <summary>…within this many days.</summary>
    public int RepatriatedDays { get; init; } = 90;

    /// <summary>An open warning nobody acknowledged for this many days escalates to the leaders.</summary>
    public int EscalateAfterDays { get; init; } = 3;

    /// <summary>How often the scheduled run looks at every client.</summary>
    public int RunEveryMinutes { get; init; } = 60;

    public const int MaxDays = 3650;
    public const int MaxEscalateDays = 365;
    public const int MaxCount = 100_000;

    /// <summary>Resource keys of the rules the values break; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DemandDropPercent is < 1 or > 100)
        {
            problems.Add("Warnings.Settings.PercentRange");
        }

        if (RepatriatedMinPercent is < 1 or > 100)
        {
            problems.Add("Warnings.Settings.PercentRange");
        }

        if (DemandDropMinPrevious < 1 || LaborDisputesMin < 1 || RepatriatedMinWorkers < 1)
        {
            problems.Add("Warnings.Settings.AtLeastOne");
        }

        if (NoNewBatchDaysA < 1 || NoNewBatchDaysB < 1 || LaborDisputesDays < 1 || RepatriatedDays < 1 || EscalateAfterDays < 1)
        {
            problems.Add("Warnings.Settings.AtLeastOneDay");
        }

        if (NoNewBatchDaysA > NoNewBatchDaysB)
        {
            // A clients are watched more closely than B clients, never less (SPEC §4 duties).
            problems.Add("Warnings.Settings.NoNewBatchOrder");
        }

        // Bounds a person could mean; beyond them the date arithmetic of the windows would overflow and stop every run.
        if (NoNewBatchDaysA > MaxDays || NoNewBatchDaysB > MaxDays || LaborDisputesDays > MaxDays || RepatriatedDays > MaxDays
            || EscalateAfterDays > MaxEscalateDays || DemandDropMinPrevious > MaxCount || LaborDisputesMin > MaxCount
            || RepatriatedMinWorkers > MaxCount)
        {
            problems.Add("Warnings.Settings.TooLarge");
        }

        if (RunEveryMinutes is < 5 or > 1440)
        {
            problems.Add("Warnings.Settings.RunEveryRange");
        }

        return problems.Distinct().ToList();
    }
}
