namespace ClientCrm.Domain.Complaints;

/// <summary>
/// Where a client's complaint (客户投诉, seed 001 三(二)) stands: recorded → investigated (the responsible department and
/// person found) → instructed (a leader's 批示) → corrected (the corrective action and penalty) → client notified → archived.
/// </summary>
public enum ComplaintState
{
    Recorded = 1,
    Investigated = 2,
    Instructed = 3,
    Corrected = 4,
    ClientNotified = 5,
    Archived = 6,
}

/// <summary>The steps of a complaint's table (<see cref="Complaint.Flow"/>).</summary>
public enum ComplaintAction
{
    Investigate = 1,
    Instruct = 2,
    Correct = 3,
    NotifyClient = 4,
    Archive = 5,
    Note = 6,
}

/// <summary>How the complaint reached the company.</summary>
public enum ComplaintChannel
{
    Phone = 1,
    Email = 2,
    Letter = 3,
    Visit = 4,
    Messaging = 5,
    Other = 9,
}

/// <summary>What the complaint is about (投诉性质).</summary>
public enum ComplaintNature
{
    /// <summary>The workers' conduct or discipline on site.</summary>
    WorkerConduct = 1,

    /// <summary>The workers' skills fall short of what was agreed.</summary>
    WorkerSkills = 2,

    /// <summary>The company's service: slow answers, missing documents, broken promises.</summary>
    Service = 3,

    /// <summary>A dispute over the contract's terms or fees.</summary>
    Contract = 4,

    /// <summary>Late departure or late replacement of workers.</summary>
    Delay = 5,

    Other = 9,
}

public enum ComplaintEventKind
{
    Recorded = 1,
    Investigated = 2,
    Instructed = 3,
    Corrected = 4,
    ClientNotified = 5,
    Archived = 6,
    NoteAdded = 7,
    Escalated = 8,
}
