namespace ClientCrm.Domain.InformationReports;

/// <summary>What an important-information report (重要信息报告, SPEC §5.1) is about.</summary>
public enum InformationCategory
{
    /// <summary>The client's basic situation (基本情况).</summary>
    BasicSituation = 1,

    /// <summary>Contract conditions (合同条件): pay, terms, fees.</summary>
    ContractConditions = 2,

    /// <summary>Job types wanted (工种).</summary>
    JobTypes = 3,

    /// <summary>Headcount wanted (人数).</summary>
    Headcount = 4,

    /// <summary>The client's intent to cooperate (合作意向).</summary>
    CooperationIntent = 5,

    Other = 9,
}

/// <summary>
/// Where a report stands: submitted (the department head reads it) → forwarded (the leaders instruct) → instructed (the
/// reporter reads the instruction) → read. A report on an A client is submitted straight to the leaders.
/// </summary>
public enum InformationReportState
{
    Submitted = 1,
    Forwarded = 2,
    Instructed = 3,
    Read = 4,
}

/// <summary>The steps of a report's table (<see cref="InformationReport.Flow"/>).</summary>
public enum InformationReportAction
{
    Forward = 1,
    Instruct = 2,
    Read = 3,
    Note = 4,
}

public enum InformationReportEventKind
{
    Submitted = 1,

    /// <summary>Submitted straight to the leaders (an A client, or a head's or leader's own report).</summary>
    SubmittedToLeaders = 2,

    Forwarded = 3,
    Instructed = 4,
    Read = 5,
    NoteAdded = 6,
    Escalated = 7,

    /// <summary>A report on a prospect was linked to the client once it was registered (by the system or by hand).</summary>
    LinkedToClient = 8,

    /// <summary>The report was linked to a project of a B client when the project asked for one (<see cref="ReportPrompt"/>).</summary>
    LinkedToProject = 9,
}

/// <summary>Why saving a B client's project asks for a report (seed 000 二 2).</summary>
public enum ReportPromptReason
{
    /// <summary>The project enters contract review.</summary>
    ContractReview = 1,

    /// <summary>The contract's signing date was set.</summary>
    Signing = 2,

    /// <summary>A trade test (考工) date was set.</summary>
    TradeTest = 3,
}
