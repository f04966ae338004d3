using ClientCrm.Domain.Clients;
using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.ContractReviews;

/// <summary>
/// Opens a project the way tests of contracted batches need it: a project in a contracted status (recruiting on) exists only
/// after its contract review passed, so the terms are opened in contract review, the review is walked to a pass through the
/// domain, and then the terms as given are applied. Terms that are not contracted are opened as they are.
/// </summary>
internal static class InitiatedProjects
{
    public static CooperationProject Open(Client client, ProjectTerms terms, RateQuote? rate, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!CooperationProject.IsContracted(terms.Status))
        {
            return CooperationProject.Open(client, terms, rate, today, now);
        }

        var project = CooperationProject.Open(client, terms with { Status = ProjectStatus.ContractReview }, rate, today, now);
        Pass(project, now);
        project.Revise(terms, rate, today, now);
        project.ClearDomainEvents();
        return project;
    }

    /// <summary>Walks a review of the project through to a pass by its owner and head.</summary>
    public static ContractReview Pass(CooperationProject project, DateTimeOffset now)
    {
        var owner = new WorkflowActor("fixture-owner", "Owner", Parties.AnyoneInScope | Parties.Owner);
        var head = new WorkflowActor("fixture-head", "Head", Parties.AnyoneInScope | Parties.DepartmentHead);
        var review = ContractReview.Start(project, ClientGrade.C, owner, now);
        review.Edit(ContractReviewFlowTests.Complete(), owner, now);
        review.Submit(owner, ClientGrade.C, now);
        review.GiveOpinion(owner, OpinionVerdict.Agree, "We can.", now);
        review.GiveOpinion(head, OpinionVerdict.Agree, "Agreed.", now);
        review.Pass(false, head, null, [], project, ProjectNumberCounter.For(now.Year), now);
        return review;
    }
}
