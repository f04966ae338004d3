using ClientCrm.Domain.ContractReviews;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.ContractReviews;

/// <summary>A contract review's client and project as its messages need them, read as the system.</summary>
public sealed record ContractReviewAndClient(Guid Id, string Name, string? ChineseName, int DepartmentId, string OwnerId, string ProjectName)
{
    /// <summary>The project's name is the summary: a client may have several batches under review.</summary>
    public NotificationSubject Subject => new(Id, Name, ChineseName, null, ProjectName);

    public static Task<ContractReviewAndClient> ReadAsync(CrmDbContext db, Guid reviewId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ContractReviews.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Id == reviewId)
            .Select(r => new ContractReviewAndClient(r.Id, r.Client!.Name, r.Client.ChineseName, r.Client.DepartmentId, r.Client.OwnerId, r.Project!.Name))
            .SingleAsync(ct);
    }
}

/// <summary>
/// Tells the next actor of a contract review (<see cref="ContractReviewStepTaken"/>): the reviewers that it was submitted
/// (the leaders too for an A client), the decider that every required opinion is in, the owner of a return and of the
/// result. A department without a head has its messages go to the leaders; whoever acted is not told.
/// </summary>
public sealed class ContractReviewStepNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<ContractReviewStepTaken>
{
    public async Task HandleAsync(ContractReviewStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Tell == Parties.None)
        {
            return;
        }

        var item = await ContractReviewAndClient.ReadAsync(db, domainEvent.ReviewId, ct);
        var kind = domainEvent.Action switch
        {
            ContractReviewAction.Submit => NotificationKind.ContractReviewToGiveOpinion,
            ContractReviewAction.Opinion => NotificationKind.ContractReviewToDecide,
            ContractReviewAction.Return => NotificationKind.ContractReviewReturned,
            _ => NotificationKind.ContractReviewDecided,
        };
        await notifier.TellAsync(domainEvent.Tell, item.OwnerId, item.DepartmentId, domainEvent.ActorId, kind, item.Subject, domainEvent.OccurredAt, ct);
    }
}

/// <summary>What the checks read of the reviewed batch: what it asks for and its client's status.</summary>
public sealed record CheckedProject(string? JobTypes, int WorkersRequested, string? WorkCountryCode, Domain.Clients.ClientStatus ClientStatus);

/// <summary>
/// What the checks of a review read (<see cref="ContractReviewFacts"/>), through the caller's scope, and the checks run over
/// them. The checks in force are those registered as <see cref="IContractReviewCheck"/> (DependencyInjection).
/// </summary>
public sealed class ContractReviewCheckRunner(CrmDbContext db, IEnumerable<IContractReviewCheck> checks, Domain.Common.BusinessClock clock)
{
    public IReadOnlyList<IContractReviewCheck> Checks { get; } = checks.ToList();

    public async Task<IReadOnlyList<ContractReviewCheckOutcome>> RunAsync(ContractReview review, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        var project = await db.CooperationProjects.AsNoTracking().Where(p => p.Id == review.ProjectId)
            .Select(p => new CheckedProject(p.JobTypes, p.WorkersRequested, p.WorkCountryCode, p.Client!.Status))
            .SingleAsync(ct);
        return await RunAsync(review, project, now, ct);
    }

    /// <summary>The checks over a project the caller has read already (the review's page reads it to show it).</summary>
    public async Task<IReadOnlyList<ContractReviewCheckOutcome>> RunAsync(ContractReview review, CheckedProject project, DateTimeOffset now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(project);
        var missing = await Evaluations.GateFactsQuery.MissingAsync(db, review.ClientId, clock.At(now), ct) ?? [];
        var facts = new ContractReviewFacts(project.ClientStatus, missing, project.JobTypes, project.WorkersRequested, project.WorkCountryCode,
            review.Sections);
        return ContractReviewChecks.Run(Checks, facts);
    }
}
