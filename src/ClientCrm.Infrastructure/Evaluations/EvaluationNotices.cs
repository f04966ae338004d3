using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Evaluations;

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

        var item = await WorkflowItemClient.ReadAsync(db.ClientEvaluations, domainEvent.EvaluationId, ct);
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
