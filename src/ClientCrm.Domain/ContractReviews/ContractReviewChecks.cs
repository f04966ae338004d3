using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Evaluations;

namespace ClientCrm.Domain.ContractReviews;

/// <summary>
/// What the checks of a contract review read (<see cref="IContractReviewCheck"/>): plain facts of the project and its client,
/// read by Infrastructure when the review is shown or decided. A later check that needs more (the employer contract's
/// mandatory items, employment approval, prohibited jobs, country risk) adds its fact here.
/// </summary>
public sealed record ContractReviewFacts(
    ClientStatus ClientStatus,
    IReadOnlyList<GateCondition> GateMissing,
    string? ProjectJobTypes,
    int ProjectWorkersRequested,
    string? ProjectWorkCountryCode,
    ContractReviewSections Sections);

/// <summary>What one check found: passed, or failed with what is missing in plain words for the log (the page says it by <see cref="IContractReviewCheck.Code"/>).</summary>
public sealed record ContractReviewCheckResult(bool Passed, string? Detail = null)
{
    public static ContractReviewCheckResult Pass { get; } = new(true);

    public static ContractReviewCheckResult Fail(string detail) => new(false, detail);
}

/// <summary>
/// A check that must pass before a contract review can pass: the extension point where compliance checks attach. A check is
/// pure: it reads <see cref="ContractReviewFacts"/> and says pass or fail. The checks in force are composed in Infrastructure
/// (DependencyInjection); the review page lists every failing one by its <see cref="Code"/> (resource
/// <c>ContractReviews.Check.{Code}</c>), and <see cref="ContractReview.Pass"/> refuses while any fails.
/// </summary>
public interface IContractReviewCheck
{
    /// <summary>A stable name: the resource key of the check's name and of what it requires.</summary>
    string Code { get; }

    ContractReviewCheckResult Check(ContractReviewFacts facts);
}

/// <summary>One check's outcome for one review.</summary>
public sealed record ContractReviewCheckOutcome(string Code, bool Passed, string? Detail);

public static class ContractReviewChecks
{
    /// <summary>Runs every check over the facts, in the order composed.</summary>
    public static IReadOnlyList<ContractReviewCheckOutcome> Run(IEnumerable<IContractReviewCheck> checks, ContractReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(facts);
        return checks.Select(c => (c.Code, Result: c.Check(facts))).Select(r => new ContractReviewCheckOutcome(r.Code, r.Result.Passed, r.Result.Detail)).ToList();
    }
}

/// <summary>The batch says what is to be done: job types, how many workers and where (the terms the review is about).</summary>
public sealed class ProjectTermsCheck : IContractReviewCheck
{
    public string Code => "ProjectTerms";

    public ContractReviewCheckResult Check(ContractReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(facts.ProjectJobTypes))
        {
            missing.Add("job types");
        }

        if (facts.ProjectWorkersRequested <= 0)
        {
            missing.Add("workers requested");
        }

        if (string.IsNullOrWhiteSpace(facts.ProjectWorkCountryCode))
        {
            missing.Add("work country");
        }

        return missing.Count == 0 ? ContractReviewCheckResult.Pass : ContractReviewCheckResult.Fail("The project lacks " + string.Join(", ", missing) + ".");
    }
}

/// <summary>The client still passes the business gate (SPEC §5.2): in operation, registration complete, evaluation approved and current.</summary>
public sealed class ClientGateCheck : IContractReviewCheck
{
    public string Code => "ClientGate";

    public ContractReviewCheckResult Check(ContractReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.ClientStatus == ClientStatus.Active && facts.GateMissing.Count == 0
            ? ContractReviewCheckResult.Pass
            : ContractReviewCheckResult.Fail("The client does not pass the business gate: " + string.Join(", ", facts.GateMissing) + ".");
    }
}
