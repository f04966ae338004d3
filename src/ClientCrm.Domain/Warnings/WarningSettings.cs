using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Warnings;

/// <summary>
/// The one row of warning settings leaders edit. Plain columns, so the audit log records every change with its old
/// and new value.
/// </summary>
public class WarningSettings : IAuditable
{
    public const int SingletonId = 1;

    private WarningSettings() { }

    public int Id { get; private set; } = SingletonId;
    public int DemandDropPercent { get; private set; }
    public int DemandDropMinPrevious { get; private set; }
    public int NoNewBatchDaysA { get; private set; }
    public int NoNewBatchDaysB { get; private set; }
    public int LaborDisputesMin { get; private set; }
    public int LaborDisputesDays { get; private set; }
    public int RepatriatedMinWorkers { get; private set; }
    public int RepatriatedMinPercent { get; private set; }
    public int RepatriatedDays { get; private set; }
    public int EscalateAfterDays { get; private set; }
    public int RunEveryMinutes { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static WarningSettings CreateDefault(DateTimeOffset now)
    {
        var settings = new WarningSettings();
        settings.Change(WarningThresholds.Default, now);
        return settings;
    }

    public WarningThresholds Thresholds => new()
    {
        DemandDropPercent = DemandDropPercent, DemandDropMinPrevious = DemandDropMinPrevious, NoNewBatchDaysA = NoNewBatchDaysA,
        NoNewBatchDaysB = NoNewBatchDaysB, LaborDisputesMin = LaborDisputesMin, LaborDisputesDays = LaborDisputesDays,
        RepatriatedMinWorkers = RepatriatedMinWorkers, RepatriatedMinPercent = RepatriatedMinPercent, RepatriatedDays = RepatriatedDays,
        EscalateAfterDays = EscalateAfterDays, RunEveryMinutes = RunEveryMinutes,
    };

    public void Change(WarningThresholds t, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(t);
        var problems = t.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException(problems[0], "The warning settings are not usable: " + string.Join(", ", problems));
        }

        DemandDropPercent = t.DemandDropPercent;
        DemandDropMinPrevious = t.DemandDropMinPrevious;
        NoNewBatchDaysA = t.NoNewBatchDaysA;
        NoNewBatchDaysB = t.NoNewBatchDaysB;
        LaborDisputesMin = t.LaborDisputesMin;
        LaborDisputesDays = t.LaborDisputesDays;
        RepatriatedMinWorkers = t.RepatriatedMinWorkers;
        RepatriatedMinPercent = t.RepatriatedMinPercent;
        RepatriatedDays = t.RepatriatedDays;
        EscalateAfterDays = t.EscalateAfterDays;
        RunEveryMinutes = t.RunEveryMinutes;
        UpdatedAt = now;
    }
}
