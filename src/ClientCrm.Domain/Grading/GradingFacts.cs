using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Grading;

/// <summary>
/// What the grading engine knows of one client: the card values it reads and the figures aggregated from
/// projects, incidents and warnings. <see cref="BatchesByYear"/>[0] is the last 12 months, [1] the 12 before, …
/// </summary>
public sealed record GradingFacts
{
    public ClientStatus Status { get; init; } = ClientStatus.Active;
    public CreditRating CreditRating { get; init; } = CreditRating.Good;
    public OperatingStatus OperatingStatus { get; init; } = OperatingStatus.Good;
    public DemandTrend DemandTrend { get; init; } = DemandTrend.Growing;
    public CooperationIntent CooperationIntent { get; init; } = CooperationIntent.Strong;

    /// <summary>New batches (contracts signed) per 12-month window, newest first.</summary>
    public IReadOnlyList<int> BatchesByYear { get; init; } = [];

    /// <summary>Whether any project was under contract during each 12-month window, newest first.</summary>
    public IReadOnlyList<bool> CooperationByYear { get; init; } = [];

    public int WorkersDispatchedLast24Months { get; init; }
    public decimal AmountCnyLast24Months { get; init; }
    public decimal AmountCnyLast12Months { get; init; }
    public int OpenAbnormalWarnings { get; init; }
    public int OpenWageArrearsIncidents { get; init; }

    public int BatchesLast12Months => BatchesByYear.Count > 0 ? BatchesByYear[0] : 0;

    /// <summary>Consecutive 12-month windows, counting back from now, in which the client cooperated with us.</summary>
    public int YearsWithCooperation => CooperationByYear.TakeWhile(c => c).Count();
}
