namespace ClientCrm.Domain.Evaluations;

/// <summary>
/// Where a new-client evaluation (新客户情况评估, SPEC §5.2) stands. Approved and rejected are final for the round: a rejected
/// evaluation is revised as a new round (<see cref="ClientEvaluation.Revise"/>), so each round keeps what was decided on it.
/// </summary>
public enum EvaluationState
{
    /// <summary>Being written by the owner (业务员).</summary>
    Draft = 1,

    /// <summary>Waiting for the department head's review.</summary>
    Submitted = 2,

    /// <summary>The head gave an opinion; waiting for the leaders' decision after discussion.</summary>
    Reviewed = 3,

    Approved = 4,
    Rejected = 5,
}

/// <summary>What a person does with an evaluation: the actions of its table (<see cref="ClientEvaluation.Flow"/>).</summary>
public enum EvaluationAction
{
    /// <summary>Write or rewrite the sections of a draft.</summary>
    Edit = 1,

    Submit = 2,

    /// <summary>The head sends the draft back to the owner with what is missing.</summary>
    Return = 3,

    /// <summary>The head's opinion, which forwards the evaluation to the leaders.</summary>
    Review = 4,

    Approve = 5,
    Reject = 6,
    Note = 7,
}

public enum RiskLevel
{
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>What a line of an evaluation's timeline records.</summary>
public enum EvaluationEventKind
{
    Started = 1,
    Submitted = 2,
    Returned = 3,
    Reviewed = 4,
    Approved = 5,
    Rejected = 6,
    NoteAdded = 7,
    Escalated = 8,

    /// <summary>A new round begun from a rejected one.</summary>
    Revised = 9,
}
