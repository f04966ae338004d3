namespace ClientCrm.Domain.ContractReviews;

/// <summary>
/// The sections of a contract review as the owner writes them (ISO 9001 合同评审): the client's requirements as the company
/// understood them, and the company's capability to meet them. A draft may leave any empty; submitting needs them all
/// (<see cref="ContractReview.MissingSection"/>). A new review is prefilled from the project's terms (<see cref="ContractReview.Start"/>).
/// </summary>
public sealed record ContractReviewSections
{
    /// <summary>Job types (招聘工种) required.</summary>
    public string? JobTypes { get; init; }

    /// <summary>How many workers (人数).</summary>
    public int? Headcount { get; init; }

    /// <summary>Qualifications (资格要求): trade, certificates, experience, age, language, health.</summary>
    public string? Qualifications { get; init; }

    /// <summary>Dates (时间要求): trade test, departure, contract term.</summary>
    public string? Schedule { get; init; }

    /// <summary>Pay and conditions (薪酬待遇): wage, hours, board and lodging, insurance, fees.</summary>
    public string? Pay { get; init; }

    /// <summary>Recruitment sources (招聘渠道): where the workers come from.</summary>
    public string? RecruitmentSources { get; init; }

    /// <summary>Training (培训): what the workers need before departure and who gives it.</summary>
    public string? Training { get; init; }

    /// <summary>Timeline (进度安排): whether the company can meet the client's dates.</summary>
    public string? Timeline { get; init; }
}
