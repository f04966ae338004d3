namespace ClientCrm.Domain.Warnings;

/// <summary>The three warning families of seed 000 四(三) and SPEC §7.</summary>
public enum WarningFamily
{
    /// <summary>客户重大变故: conversion, relocation, near-bankruptcy, a declining or distressed business.</summary>
    MajorChange = 1,

    /// <summary>客户流失: falling demand, no new batches, turning to another company.</summary>
    Churn = 2,

    /// <summary>客户异常现象: wage arrears, labor disputes, mass early repatriation.</summary>
    Abnormal = 3,
}

/// <summary>
/// The automatic rules. The value's tens digit is the family, so new rules of a family slot in beside their
/// siblings. Satisfaction (§8) and document expiry (§6) join when surveys and dossiers exist.
/// </summary>
public enum WarningRule
{
    OperatingStatusDeclined = 11,

    /// <summary>The business license or the credit certificate on file has expired (SPEC §7; <see cref="Dossier.DossierCompleteness.Expired"/>).</summary>
    DocumentExpired = 12,
    DemandDrop = 21,
    NoNewBatch = 22,
    WageArrears = 31,
    LaborDisputes = 32,
    EarlyRepatriation = 33,
}

public enum WarningSeverity
{
    Normal = 1,
    High = 2,
}

/// <summary>SPEC §7 flow: open → acknowledged → investigating → resolved or dismissed.</summary>
public enum WarningState
{
    Open = 1,
    Acknowledged = 2,
    Investigating = 3,
    Resolved = 4,
    Dismissed = 5,
}

/// <summary>
/// What a person does with a warning: the actions of its review table (<see cref="Warning.Review"/>). The page offers and posts
/// these by name; the names are the handlers' and the resource keys' (<c>Warnings.Done.{action}</c>).
/// </summary>
public enum WarningAction
{
    Acknowledge = 1,
    Investigate = 2,
    Resolve = 3,
    Dismiss = 4,
    Report = 5,
    Note = 6,
}

/// <summary>What a line of a warning's timeline records.</summary>
public enum WarningEventKind
{
    Raised = 1,
    Filed = 2,
    EvidenceRefreshed = 3,
    ConditionCleared = 4,
    ConditionReturned = 5,
    Escalated = 6,
    Acknowledged = 7,
    InvestigationStarted = 8,
    Resolved = 9,
    Dismissed = 10,
    ReportWritten = 11,
    NoteAdded = 12,
}

/// <summary>What kind of record a rule warning points back to (<see cref="WarningSource"/>).</summary>
public enum WarningSourceKind
{
    /// <summary>An incident of a project (wage arrears, a labor dispute, an early repatriation): the newest one the rule counted.</summary>
    Incident = 1,

    /// <summary>A batch: the newest one signed (the client has signed none since).</summary>
    Project = 2,

    /// <summary>The client's batches as a whole: the demand rule compares two years of them.</summary>
    Projects = 3,

    /// <summary>A change of the client card (the operating status); the archived version it replaced, if any.</summary>
    CardChange = 4,

    /// <summary>The client's dossier documents (the expired business license or credit certificate is among them).</summary>
    Documents = 5,
}
