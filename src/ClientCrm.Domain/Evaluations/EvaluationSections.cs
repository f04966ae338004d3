namespace ClientCrm.Domain.Evaluations;

/// <summary>
/// The sections of an evaluation as the owner writes them (seed 000 二.3: 客户资信、项目可行性、相关政策法规的适用性及开发费用、风险).
/// A draft may leave any of them empty; submitting needs them all (<see cref="ClientEvaluation.Submit"/>).
/// </summary>
public sealed record EvaluationSections
{
    /// <summary>Credit standing (资信): registration, capital, payment record, references, bank.</summary>
    public string? CreditStanding { get; init; }

    /// <summary>Project feasibility (项目可行性): the jobs, numbers, pay and conditions offered, and whether the company can meet them.</summary>
    public string? ProjectFeasibility { get; init; }

    /// <summary>Applicable policies and regulations: the destination country's labor and immigration law, China's rules on overseas labor cooperation.</summary>
    public string? ApplicablePolicies { get; init; }

    /// <summary>Development cost estimate (开发费用) in CNY.</summary>
    public decimal? DevelopmentCostCny { get; init; }

    public RiskLevel? Risk { get; init; }

    /// <summary>Why the risk is what it is.</summary>
    public string? RiskReasons { get; init; }

    /// <summary>The owner's recommendation: go ahead, under which conditions, or not.</summary>
    public string? Recommendation { get; init; }
}
