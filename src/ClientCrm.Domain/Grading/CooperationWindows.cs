namespace ClientCrm.Domain.Grading;

/// <summary>
/// The 12-month windows the grading rules count in, back from today. Window 0 ("the last 12 months") runs from
/// the day after the same date a year ago up to and including today; window k is the year before window k−1.
/// A batch counts in the window its contract was signed in; workers count in the window they left in.
/// </summary>
public static class CooperationWindows
{
    /// <summary>First day of window <paramref name="k"/> (inclusive).</summary>
    public static DateOnly Start(DateOnly today, int k) => today.AddMonths(-12 * (k + 1)).AddDays(1);

    /// <summary>Last day of window <paramref name="k"/> (inclusive).</summary>
    public static DateOnly End(DateOnly today, int k) => today.AddMonths(-12 * k);

    /// <summary>First day of the last 24 months.</summary>
    public static DateOnly Last24MonthsStart(DateOnly today) => Start(today, 1);
}

/// <summary>Secondary classes of seed 001, shown in the client list and reports.</summary>
public static class SecondaryClasses
{
    /// <summary>
    /// Pareto class of a client whose amount is <paramref name="amount"/>, when the clients ranked above it (by
    /// amount, largest first) together bring <paramref name="amountAbove"/> of <paramref name="total"/>. The client
    /// that crosses a boundary still belongs to the class it starts in. No amount last year: class III.
    /// </summary>
    public static ParetoClass Pareto(decimal amount, decimal amountAbove, decimal total, GradingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (amount <= 0 || total <= 0)
        {
            return ParetoClass.III;
        }

        var shareAbove = amountAbove * 100m / total;
        return shareAbove < thresholds.ParetoClassIPercent ? ParetoClass.I
            : shareAbove < thresholds.ParetoClassIIPercent ? ParetoClass.II
            : ParetoClass.III;
    }

    /// <summary>
    /// Lifecycle stage from batches per year (newest first): first batches only this year → introduction; more than
    /// the year before → growth; as many → mature; fewer, or none for two years → decline. Null when there has never been a batch.
    /// </summary>
    public static LifecycleStage? Lifecycle(IReadOnlyList<int> batchesByYear)
    {
        ArgumentNullException.ThrowIfNull(batchesByYear);
        if (!batchesByYear.Any(b => b > 0))
        {
            return null;
        }

        var thisYear = batchesByYear[0];
        var lastYear = batchesByYear.Count > 1 ? batchesByYear[1] : 0;
        if (thisYear > 0 && batchesByYear.Skip(1).All(b => b == 0))
        {
            return LifecycleStage.Introduction;
        }

        if (thisYear == 0 && lastYear == 0)
        {
            // Batches only in earlier years: the relationship has gone quiet, which is decline, not a steady state.
            return LifecycleStage.Decline;
        }

        return thisYear > lastYear ? LifecycleStage.Growth
            : thisYear == lastYear ? LifecycleStage.Mature
            : LifecycleStage.Decline;
    }
}

/// <summary>SPEC §4 duties: how often a client of each grade must be contacted, and when it is overdue.</summary>
public static class ContactDuty
{
    /// <summary>The day the next contact is due: the last contact (or registration) plus the grade's interval.</summary>
    public static DateOnly DueOn(ClientGrade grade, DateOnly lastContactOrRegistration, GradingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return lastContactOrRegistration.AddDays(thresholds.ContactDays(grade));
    }

    /// <summary>Overdue once the due day has passed. Terminated clients have no contact duty.</summary>
    public static bool IsOverdue(ClientGrade grade, Clients.ClientStatus status, DateOnly lastContactOrRegistration, DateOnly today,
        GradingThresholds thresholds) =>
        IsOverdue(status, DueOn(grade, lastContactOrRegistration, thresholds), today);

    /// <summary>The same over a stored due day (<see cref="Clients.Client.ContactDueOn"/>).</summary>
    public static bool IsOverdue(Clients.ClientStatus status, DateOnly? dueOn, DateOnly today) =>
        status != Clients.ClientStatus.Terminated && dueOn < today;
}
