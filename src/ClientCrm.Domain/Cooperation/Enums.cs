namespace ClientCrm.Domain.Cooperation;

/// <summary>SPEC §3 project / recruitment batch status, in the order a batch normally goes through them.</summary>
public enum ProjectStatus
{
    Negotiating = 1,
    ContractReview = 2,
    Recruiting = 3,
    Dispatched = 4,
    InService = 5,
    Completed = 6,
    Terminated = 7,
}

/// <summary>境外劳务人员事件 types (SPEC §3).</summary>
public enum IncidentType
{
    WageArrears = 1,
    LaborDispute = 2,
    EarlyRepatriation = 3,
    Accident = 4,
    Other = 9,
}

public enum IncidentStatus
{
    Open = 1,
    Handling = 2,
    Resolved = 3,
}

/// <summary>Who pays a batch's service fee (服务费承担方).</summary>
public enum ServiceFeePayer
{
    Worker = 1,
    Employer = 2,
    Shared = 3,
}
