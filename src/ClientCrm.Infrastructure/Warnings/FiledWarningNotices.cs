using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// Tells the people concerned of a warning filed by hand (<see cref="WarningNotices.ForNewWarning"/>): the department's heads
/// to review it, the leaders when it is high, and the owner, never the one who filed it. The messages commit with the record
/// that this was done, so each person is told once.
/// </summary>
public sealed class FiledWarningNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<WarningFiled>
{
    public async Task HandleAsync(WarningFiled domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var filed = await WarningNotices.ReadAsync(db, domainEvent.WarningId, ct);
        var warning = filed.Warning;
        await notifier.SendAsync(WarningNotices.ForNewWarning(filed.Subject, warning.Severity,
            await notifier.DepartmentHeadIdsAsync(filed.DepartmentId, ct),
            warning.Severity == WarningSeverity.High ? await notifier.LeaderIdsAsync(ct) : [], filed.OwnerId, domainEvent.FiledById,
            domainEvent.OccurredAt), ct);
    }
}
