using ClientCrm.Domain.Complaints;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Complaints;

/// <summary>
/// Tells the next actor of a complaint (<see cref="ComplaintStepTaken"/>): the head that one was recorded, the leaders that
/// the head's investigation waits for their instruction, the head and owner of the instruction, the owner that the client
/// is to be told. A department without a head has its messages go to the leaders; whoever acted is not told.
/// </summary>
public sealed class ComplaintStepNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<ComplaintStepTaken>
{
    public async Task HandleAsync(ComplaintStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Tell == Parties.None)
        {
            return;
        }

        var item = await WorkflowItemClient.ReadAsync(db.Complaints, domainEvent.ComplaintId, ct);
        var kind = domainEvent.Action switch
        {
            null => NotificationKind.ComplaintToInvestigate,
            ComplaintAction.Investigate => NotificationKind.ComplaintToInstruct,
            ComplaintAction.Instruct => NotificationKind.ComplaintInstructed,
            _ => NotificationKind.ComplaintToNotify,
        };
        await notifier.TellAsync(domainEvent.Tell, item.OwnerId, item.DepartmentId, domainEvent.ActorId, kind, item.Subject, domainEvent.OccurredAt, ct);
    }
}
