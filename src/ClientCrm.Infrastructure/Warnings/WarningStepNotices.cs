using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

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
        // As the system: the actor's scope does not decide who hears of it.
        var item = await db.Warnings.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.Id == domainEvent.WarningId)
            .Select(w => new { Warning = w, w.Client!.Name, w.Client.ChineseName, w.Client.DepartmentId, w.Client.OwnerId })
            .SingleAsync(ct);
        var heads = domainEvent.Tell.HasFlag(Parties.DepartmentHead) ? await notifier.DepartmentHeadIdsAsync(item.DepartmentId, ct) : [];
        var leaders = domainEvent.Tell.HasFlag(Parties.Leader) || heads.Count == 0 && domainEvent.Tell.HasFlag(Parties.DepartmentHead)
            ? await notifier.LeaderIdsAsync(ct)
            : [];
        var kind = domainEvent.Action == WarningAction.Acknowledge ? NotificationKind.WarningAcknowledged : NotificationKind.WarningClosed;
        var subject = WarningNotices.Subject(item.Warning, item.Name, item.ChineseName);
        await notifier.SendAsync(WorkflowParties.Recipients(domainEvent.Tell, item.OwnerId, heads, leaders)
            .Where(id => id != domainEvent.ActorId)
            .Select(id => Notification.About(id, kind, subject, domainEvent.OccurredAt)), ct);
    }
}
