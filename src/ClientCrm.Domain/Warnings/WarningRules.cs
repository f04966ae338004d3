using System.Globalization;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Warnings;

/// <summary>
/// What the warning rules need to know about one client, already counted by the database. The windows ("last 12
/// months", "last 90 days") are those of <see cref="WarningWindows"/>.
/// </summary>
public sealed record WarningFacts
{
    public ClientGrade Grade { get; init; } = ClientGrade.C;
    public ClientStatus Status { get; init; } = ClientStatus.Active;
    public OperatingStatus OperatingStatus { get; init; } = OperatingStatus.Good;

    /// <summary>
    /// The last day the client's business license on file is valid (the latest of those not archived; <see cref="DateOnly.MaxValue"/>
    /// for one that does not expire); null when none is on file.
    /// </summary>
    public DateOnly? BusinessLicenseValidThrough { get; init; }

    /// <summary>The same for the credit certificate.</summary>
    public DateOnly? CreditCertificateValidThrough { get; init; }

    /// <summary>Workers requested by the batches signed in the last 12 months (window 0).</summary>
    public int WorkersRequestedLast12Months { get; init; }

    /// <summary>Workers requested by the batches signed in the 12 months before (window 1).</summary>
    public int WorkersRequestedPrevious12Months { get; init; }

    /// <summary>The signing day of the newest batch; null when no batch was ever signed.</summary>
    public DateOnly? LastBatchSignedOn { get; init; }

    public int OpenWageArrearsIncidents { get; init; }
    public int WorkersOwedWages { get; init; }

    /// <summary>Labor disputes that happened within the disputes window.</summary>
    public int RecentLaborDisputes { get; init; }

    /// <summary>Workers repatriated early within the repatriation window.</summary>
    public int RecentlyRepatriatedWorkers { get; init; }

    /// <summary>Workers of the batches now dispatched or in service.</summary>
    public int WorkersOnSite { get; init; }
}

/// <summary>A rule that holds for a client, with the figures that made it hold.</summary>
public sealed record RuleFinding(WarningRule Rule, IReadOnlyList<WarningFigure> Evidence)
{
    public WarningFamily Family => WarningRules.FamilyOf(Rule);
}

/// <summary>The day windows of the rules, counted back from today (today included).</summary>
public static class WarningWindows
{
    /// <summary>First day of a window of <paramref name="days"/> days ending today.</summary>
    public static DateOnly Since(DateOnly today, int days) => today.AddDays(1 - days);
}

/// <summary>
/// The automatic rules of SPEC §7 over one client's facts. Pure: the engine feeds it the figures of every client from
/// one query and compares what holds with the warnings already open.
/// </summary>
public static class WarningRules
{
    public static WarningFamily FamilyOf(WarningRule rule) => (WarningFamily)((int)rule / 10);

    /// <summary>High for A clients and for anything abnormal (wages, disputes, repatriation touch workers directly).</summary>
    public static WarningSeverity SeverityOf(WarningFamily family, ClientGrade grade) =>
        family == WarningFamily.Abnormal || grade == ClientGrade.A ? WarningSeverity.High : WarningSeverity.Normal;

    /// <summary>What a rule's warning points back to: the card change, the batches, the newest batch, or an incident.</summary>
    public static WarningSourceKind SourceKindOf(WarningRule rule) => rule switch
    {
        WarningRule.OperatingStatusDeclined => WarningSourceKind.CardChange,
        WarningRule.DocumentExpired => WarningSourceKind.Documents,
        WarningRule.DemandDrop => WarningSourceKind.Projects,
        WarningRule.NoNewBatch => WarningSourceKind.Project,
        _ => WarningSourceKind.Incident,
    };

    /// <summary>The incidents a rule counts; null for the rules that count none.</summary>
    public static IncidentType? IncidentTypeOf(WarningRule rule) => rule switch
    {
        WarningRule.WageArrears => IncidentType.WageArrears,
        WarningRule.LaborDisputes => IncidentType.LaborDispute,
        WarningRule.EarlyRepatriation => IncidentType.EarlyRepatriation,
        _ => null,
    };

    /// <summary>Whether <paramref name="rule"/> is among <paramref name="findings"/> (what <see cref="Evaluate"/> gave for the client now).</summary>
    public static bool Holds(WarningRule rule, IReadOnlyList<RuleFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Any(f => f.Rule == rule);
    }

    public static IReadOnlyList<RuleFinding> Evaluate(WarningFacts facts, WarningThresholds thresholds, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var found = new List<RuleFinding>();

        if (facts.OperatingStatus is OperatingStatus.Declining or OperatingStatus.Distressed)
        {
            found.Add(new(WarningRule.OperatingStatusDeclined, [Figure("OperatingStatus", facts.OperatingStatus.ToString())]));
        }

        if (facts.BusinessLicenseValidThrough < today || facts.CreditCertificateValidThrough < today)
        {
            found.Add(new(WarningRule.DocumentExpired,
            [
                Figure("BusinessLicenseValidUntil", Day(facts.BusinessLicenseValidThrough)),
                Figure("CreditCertificateValidUntil", Day(facts.CreditCertificateValidThrough)),
            ]));
        }

        // A terminated client has already gone: the accountability procedure (SPEC §5.3) takes over, not a churn warning.
        if (facts.Status != ClientStatus.Terminated)
        {
            if (DemandDropped(facts, thresholds) is { } drop)
            {
                found.Add(new(WarningRule.DemandDrop,
                [
                    Figure("WorkersRequestedLast12Months", facts.WorkersRequestedLast12Months),
                    Figure("WorkersRequestedPrevious12Months", facts.WorkersRequestedPrevious12Months),
                    Figure("DropPercent", drop),
                    Figure("ThresholdPercent", thresholds.DemandDropPercent),
                ]));
            }

            if (NoNewBatchDays(facts.Grade, thresholds) is { } limit
                && (facts.LastBatchSignedOn is not { } last || today.DayNumber - last.DayNumber >= limit))
            {
                found.Add(new(WarningRule.NoNewBatch,
                [
                    Figure("Grade", facts.Grade.ToString()),
                    Figure("LastBatchSignedOn", facts.LastBatchSignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"),
                    Figure("ThresholdDays", limit),
                ]));
            }
        }

        if (facts.OpenWageArrearsIncidents > 0)
        {
            found.Add(new(WarningRule.WageArrears,
            [
                Figure("OpenWageArrearsIncidents", facts.OpenWageArrearsIncidents),
                Figure("WorkersOwedWages", facts.WorkersOwedWages),
            ]));
        }

        if (facts.RecentLaborDisputes >= thresholds.LaborDisputesMin)
        {
            found.Add(new(WarningRule.LaborDisputes,
            [
                Figure("RecentLaborDisputes", facts.RecentLaborDisputes),
                Figure("WindowDays", thresholds.LaborDisputesDays),
                Figure("ThresholdCount", thresholds.LaborDisputesMin),
            ]));
        }

        if (Repatriated(facts, thresholds) is { } share)
        {
            found.Add(new(WarningRule.EarlyRepatriation,
            [
                Figure("RecentlyRepatriatedWorkers", facts.RecentlyRepatriatedWorkers),
                Figure("WorkersOnSite", facts.WorkersOnSite),
                Figure("RepatriatedPercent", share),
                Figure("WindowDays", thresholds.RepatriatedDays),
            ]));
        }

        return found;
    }

    /// <summary>The drop in percent when demand fell by at least the threshold; otherwise null.</summary>
    public static decimal? DemandDropped(WarningFacts facts, WarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var previous = facts.WorkersRequestedPrevious12Months;
        if (previous < thresholds.DemandDropMinPrevious || previous <= 0)
        {
            return null;
        }

        var fall = previous - facts.WorkersRequestedLast12Months;
        // Integer comparison keeps the boundary exact: 40% of 10 is 4, and a fall of exactly 4 fires.
        return fall * 100L >= (long)thresholds.DemandDropPercent * previous
            ? Math.Round(fall * 100m / previous, 1)
            : null;
    }

    /// <summary>Days without a new batch after which an A or B client warns; null for C (nobody expects batches).</summary>
    public static int? NoNewBatchDays(ClientGrade grade, WarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return grade switch
        {
            ClientGrade.A => thresholds.NoNewBatchDaysA,
            ClientGrade.B => thresholds.NoNewBatchDaysB,
            _ => null,
        };
    }

    /// <summary>
    /// The share of workers on site sent home early (percent, 0 when nobody is on site) when either the count or the share
    /// reaches its threshold; otherwise null.
    /// </summary>
    public static decimal? Repatriated(WarningFacts facts, WarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var sent = facts.RecentlyRepatriatedWorkers;
        if (sent <= 0)
        {
            return null;
        }

        var onSite = facts.WorkersOnSite;
        var shareReached = onSite > 0 && sent * 100L >= (long)thresholds.RepatriatedMinPercent * onSite;
        if (sent < thresholds.RepatriatedMinWorkers && !shareReached)
        {
            return null;
        }

        return onSite > 0 ? Math.Round(sent * 100m / onSite, 1) : 0m;
    }

    private static WarningFigure Figure(string name, string value) => new(name, value);

    /// <summary>A validity as a figure: the day, "-" for none on file, "∞" for one that does not expire.</summary>
    private static string Day(DateOnly? day) => day switch
    {
        null => "-",
        { } d when d == DateOnly.MaxValue => "∞",
        { } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static WarningFigure Figure(string name, int value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    private static WarningFigure Figure(string name, decimal value) => new(name, value.ToString("0.#", CultureInfo.InvariantCulture));
}
