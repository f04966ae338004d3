namespace ClientCrm.Domain.ContractReviews;

/// <summary>
/// Where a batch's contract review (合同评审, ISO 9001) stands: a draft the owner writes → submitted, the reviewers' opinions
/// collected → passed, passed with conditions, or rejected. The three results are final for the round: a rejected review is
/// revised as a new round (<see cref="ContractReview.Revise"/>), so each round keeps what was decided on it.
/// </summary>
public enum ContractReviewState
{
    /// <summary>The owner writes what the client requires and what the company can do.</summary>
    Draft = 1,

    /// <summary>The reviewers give their opinions; then the decider records the result.</summary>
    Submitted = 2,

    /// <summary>Passed: the project is initiated (立项) with its number.</summary>
    Passed = 3,

    /// <summary>Passed on conditions the decider wrote down; the project is initiated as well.</summary>
    PassedWithConditions = 4,

    Rejected = 5,
}

/// <summary>What a person does with a contract review: the actions of its table (<see cref="ContractReview.Flow"/>).</summary>
public enum ContractReviewAction
{
    /// <summary>Write or rewrite the sections of a draft.</summary>
    Edit = 1,

    Submit = 2,

    /// <summary>A reviewer's opinion (评审意见): agree, agree with conditions, disagree, with the reasons.</summary>
    Opinion = 3,

    /// <summary>The head (or a leader) sends the review back to the owner with what is to be changed.</summary>
    Return = 4,

    Pass = 5,
    PassWithConditions = 6,
    Reject = 7,
    Note = 8,
}

/// <summary>A reviewer's opinion (评审意见).</summary>
public enum OpinionVerdict
{
    Agree = 1,
    AgreeWithConditions = 2,
    Disagree = 3,
}

/// <summary>What a line of a contract review's timeline records.</summary>
public enum ContractReviewEventKind
{
    Started = 1,
    Submitted = 2,
    OpinionGiven = 3,
    Returned = 4,
    Passed = 5,
    PassedWithConditions = 6,
    Rejected = 7,
    NoteAdded = 8,
    Escalated = 9,

    /// <summary>A new round begun from a rejected one.</summary>
    Revised = 10,
}
