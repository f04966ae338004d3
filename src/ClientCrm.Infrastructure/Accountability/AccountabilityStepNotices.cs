using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Accountability;

/// <summary>
/// Tells the next actor of an accountability case (<see cref="AccountabilityStepTaken"/>): the department (head and owner)
/// that a case was opened and its report is due, the leaders that a report waits for their review, the department of a
/// return and of the decision. A department without a head has its messages go to the leaders; whoever acted is not told.
/// </summary>
public sealed class AccountabilityStepNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<AccountabilityStepTaken>
{
    public async Task HandleAsync(AccountabilityStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Tell == Parties.None)
        {
            return;
        }

        var item = await WorkflowItemClient.ReadAsync(db.AccountabilityCases, domainEvent.CaseId, ct);
        var kind = domainEvent.Action switch
        {
            null => NotificationKind.AccountabilityOpened,
            AccountabilityAction.SubmitReport => NotificationKind.AccountabilityToReview,
            AccountabilityAction.Return => NotificationKind.AccountabilityReturned,
            _ => NotificationKind.AccountabilityDecided,
        };
        await notifier.TellAsync(domainEvent.Tell, item.OwnerId, item.DepartmentId, domainEvent.ActorId, kind, item.Subject, domainEvent.OccurredAt, ct);
    }
}
