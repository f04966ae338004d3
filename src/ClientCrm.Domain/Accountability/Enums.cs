namespace ClientCrm.Domain.Accountability;

/// <summary>
/// Where an accountability case for a major incident (重大事故问责, SPEC §5.3, seed 000 二 4) stands: opened → the department's
/// written report submitted → under a leader's review (or returned for a better report) → decided (the leader's decision) →
/// closed once the decision is carried out.
/// </summary>
public enum AccountabilityState
{
    Opened = 1,
    ReportSubmitted = 2,
    UnderReview = 3,
    Decided = 4,
    Closed = 5,
}

/// <summary>The steps of a case's table (<see cref="AccountabilityCase.Flow"/>).</summary>
public enum AccountabilityAction
{
    SubmitReport = 1,
    TakeUp = 2,
    Return = 3,
    Decide = 4,
    Close = 5,
    Note = 6,
}

/// <summary>
/// What opened the case. It is also "the cause" of "one open case per client and cause": a client has at most one open
/// case of each trigger.
/// </summary>
public enum AccountabilityTrigger
{
    /// <summary>The demand-drop churn rule raised a warning on an A or B client (业务量出现明显下降).</summary>
    DemandDropWarning = 1,

    /// <summary>The client turned Terminated (中止与本公司合作).</summary>
    ClientTerminated = 2,

    /// <summary>A department head or a leader opened it by hand.</summary>
    Manual = 3,
}

/// <summary>What the report finds the incident came from; both may hold (如系市场因素… 如因工作失误…).</summary>
[Flags]
public enum AccountabilityCauseKind
{
    None = 0,

    /// <summary>A market factor: countermeasures with owners and due dates (应及时采取应对措施).</summary>
    Market = 1,

    /// <summary>A work error: the persons concerned and the penalties proposed (查清责任，对当事人和责任人作出相应的处罚).</summary>
    WorkError = 2,
}

/// <summary>How a person is concerned in a work error.</summary>
public enum PersonConcernedRole
{
    /// <summary>当事人: the person who made the error.</summary>
    Party = 1,

    /// <summary>责任人: the person responsible for it (the one who should have prevented it).</summary>
    Responsible = 2,
}

public enum AccountabilityEventKind
{
    Opened = 1,
    ReportSubmitted = 2,
    TakenUp = 3,
    Returned = 4,
    Decided = 5,
    Closed = 6,
    NoteAdded = 7,
    Escalated = 8,
}
