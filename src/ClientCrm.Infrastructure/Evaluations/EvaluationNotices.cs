using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Evaluations;

/// <summary>An evaluation's client as its messages need it, read as the system: the scope of whoever acted does not decide who hears.</summary>
public sealed record EvaluationAndClient(Guid Id, Guid ClientId, string Name, string? ChineseName, int DepartmentId, string OwnerId)
{
    public NotificationSubject Subject => new(Id, Name, ChineseName, null, null);

    public static Task<EvaluationAndClient> ReadAsync(CrmDbContext db, Guid evaluationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ClientEvaluations.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Id == evaluationId)
            .Select(e => new EvaluationAndClient(e.Id, e.ClientId, e.Client!.Name, e.Client.ChineseName, e.Client.DepartmentId, e.Client.OwnerId))
            .SingleAsync(ct);
    }
}

/// <summary>
/// Tells the parties the evaluation's table names for a step (<see cref="EvaluationStepTaken"/>): the head that a submission
/// waits for review, the leaders that a reviewed one waits for their decision, the owner of a return and of the decision.
/// A department without a head has its head's messages go to the leaders. Whoever took the step is not told.
/// </summary>
public sealed class EvaluationStepNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<EvaluationStepTaken>
{
    public async Task HandleAsync(EvaluationStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Tell == Parties.None)
        {
            return;
        }

        var item = await EvaluationAndClient.ReadAsync(db, domainEvent.EvaluationId, ct);
        await notifier.TellAsync(domainEvent.Tell, item.OwnerId, item.DepartmentId, domainEvent.ActorId, KindOf(domainEvent.Action), item.Subject,
            domainEvent.OccurredAt, ct);
    }

    public static NotificationKind KindOf(EvaluationAction action) => action switch
    {
        EvaluationAction.Submit => NotificationKind.EvaluationToReview,
        EvaluationAction.Review => NotificationKind.EvaluationToDecide,
        EvaluationAction.Return => NotificationKind.EvaluationReturned,
        _ => NotificationKind.EvaluationDecided,
    };
}

/// <summary>
/// What an evaluation's steps do to its client (SPEC §5.2): a submitted evaluation puts a prospect under evaluation, an
/// approved one puts the client into operation (Active) and opens the business gate's evaluation condition. Running it
/// twice changes nothing more.
/// </summary>
public sealed class EvaluationClientStatus(CrmDbContext db) : IDomainEventHandler<EvaluationStepTaken>
{
    public async Task HandleAsync(EvaluationStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Action is not (EvaluationAction.Submit or EvaluationAction.Approve))
        {
            return;
        }

        var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == domainEvent.ClientId, ct);
        if (domainEvent.Action == EvaluationAction.Submit)
        {
            client.BeginEvaluation(domainEvent.ActorId, domainEvent.OccurredAt);
        }
        else
        {
            client.EnterOperation(domainEvent.OccurredAt, domainEvent.ActorId, domainEvent.OccurredAt);
        }

        // Saved by the dispatcher with the record that this delivery was handled.
    }
}
