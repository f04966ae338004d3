using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Grading;

/// <summary>
/// The one row of grading settings leaders edit (SPEC §4: thresholds are settings). Stored as plain columns so
/// the audit log records every threshold change with its old and new value.
/// </summary>
public class GradingSettings : IAuditable
{
    public const int SingletonId = 1;

    private GradingSettings() { }

    public int Id { get; private set; } = SingletonId;
    public int AMinBatchesLast12Months { get; private set; }
    public int AMinYearsWithCooperation { get; private set; }
    public int AMinWorkersLast24Months { get; private set; }
    public decimal AMinAmountCnyLast24Months { get; private set; }
    public int BMinYearsWithCooperation { get; private set; }
    public int BMinWorkersLast24Months { get; private set; }
    public decimal BMinAmountCnyLast24Months { get; private set; }
    public int ContactDaysA { get; private set; }
    public int ContactDaysB { get; private set; }
    public int ContactDaysC { get; private set; }
    public int ParetoClassIPercent { get; private set; }
    public int ParetoClassIIPercent { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static GradingSettings CreateDefault(DateTimeOffset now)
    {
        var settings = new GradingSettings();
        settings.Change(GradingThresholds.Default, now);
        return settings;
    }

    public GradingThresholds Thresholds => new()
    {
        AMinBatchesLast12Months = AMinBatchesLast12Months, AMinYearsWithCooperation = AMinYearsWithCooperation,
        AMinWorkersLast24Months = AMinWorkersLast24Months, AMinAmountCnyLast24Months = AMinAmountCnyLast24Months,
        BMinYearsWithCooperation = BMinYearsWithCooperation, BMinWorkersLast24Months = BMinWorkersLast24Months,
        BMinAmountCnyLast24Months = BMinAmountCnyLast24Months, ContactDaysA = ContactDaysA, ContactDaysB = ContactDaysB,
        ContactDaysC = ContactDaysC, ParetoClassIPercent = ParetoClassIPercent, ParetoClassIIPercent = ParetoClassIIPercent,
    };

    public void Change(GradingThresholds t, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(t);
        var problems = t.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException(problems[0], "The thresholds are not consistent: " + string.Join(", ", problems));
        }

        AMinBatchesLast12Months = t.AMinBatchesLast12Months;
        AMinYearsWithCooperation = t.AMinYearsWithCooperation;
        AMinWorkersLast24Months = t.AMinWorkersLast24Months;
        AMinAmountCnyLast24Months = t.AMinAmountCnyLast24Months;
        BMinYearsWithCooperation = t.BMinYearsWithCooperation;
        BMinWorkersLast24Months = t.BMinWorkersLast24Months;
        BMinAmountCnyLast24Months = t.BMinAmountCnyLast24Months;
        ContactDaysA = t.ContactDaysA;
        ContactDaysB = t.ContactDaysB;
        ContactDaysC = t.ContactDaysC;
        ParetoClassIPercent = t.ParetoClassIPercent;
        ParetoClassIIPercent = t.ParetoClassIIPercent;
        UpdatedAt = now;
    }
}
