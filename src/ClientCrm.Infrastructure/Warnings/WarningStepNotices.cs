using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// Tells the parties the review table names for a step (<see cref="WarningStepTaken"/>): the client's owner hears what the
/// head decided is to be done, and how the warning ended. Whoever took the step is not told. The messages commit with the
/// record that this delivery was handled, so each person is told once.
/// </summary>
public sealed class WarningStepNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<WarningStepTaken>
{
    public async Task HandleAsync(WarningStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var item = await WarningNotices.ReadAsync(db, domainEvent.WarningId, ct);
        var kind = domainEvent.Action == WarningAction.Acknowledge ? NotificationKind.WarningAcknowledged : NotificationKind.WarningClosed;
        await notifier.TellAsync(domainEvent.Tell, item.OwnerId, item.DepartmentId, domainEvent.ActorId, kind, item.Subject, domainEvent.OccurredAt, ct);
    }
}
