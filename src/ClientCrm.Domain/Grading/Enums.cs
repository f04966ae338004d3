namespace ClientCrm.Domain.Grading;

/// <summary>客户分类 (SPEC §4): A 重点客户, B 一般客户, C 潜在客户. A new client starts as C.</summary>
public enum ClientGrade
{
    A = 1,
    B = 2,
    C = 3,
}

/// <summary>Pareto class by last year's contract amount (seed 001): I ≈ the top 70% of amount, II the next 20%, III the rest.</summary>
public enum ParetoClass
{
    I = 1,
    II = 2,
    III = 3,
}

/// <summary>Relationship lifecycle (seed 001: 导入期/成长期/成熟期/衰退期), read from the trend of batches.</summary>
public enum LifecycleStage
{
    Introduction = 1,
    Growth = 2,
    Mature = 3,
    Decline = 4,
}

/// <summary>
/// The secondary classes of a client (seed 001), derived by company-wide regrade runs. Kept apart from the client's
/// own row: a run rewrites them for up to every client, and a narrow row is far cheaper to rewrite than the card.
/// </summary>
/// <param name="AmountCny">The amount the Pareto ranking used: contracts signed in the 12 months before the run, in CNY.</param>
public sealed record ClientClasses(ParetoClass? Pareto, LifecycleStage? Lifecycle, decimal AmountCny);

/// <summary>The figures the grading engine looks at, one per line of the SPEC §4 table.</summary>
public enum GradingCriterion
{
    /// <summary>Not paused or terminated (a paused client is C by the seed's own words: 暂停合作).</summary>
    CooperationOngoing = 1,
    BatchesLast12Months = 2,
    YearsWithCooperation = 3,
    Volume = 4,
    CreditRating = 5,
    NoOpenAbnormalWarning = 6,
    NoOpenWageArrears = 7,
    OperatingStatus = 8,
    DemandTrend = 9,
    CooperationIntent = 10,
}

public enum GradingTrigger
{
    Manual = 1,
    Scheduled = 2,
}

public enum ProposalState
{
    Pending = 1,
    Confirmed = 2,
    Overridden = 3,
    /// <summary>A later run proposed again for the client, or the grade changed by other means.</summary>
    Superseded = 4,
}

/// <summary>How a grade change came about, for the grade history.</summary>
public enum GradeChangeKind
{
    ProposalConfirmed = 1,
    ProposalOverridden = 2,
    Manual = 3,
}
