using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

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
        // As the system: the filer's scope does not decide who hears of it.
        var filed = await db.Warnings.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.Id == domainEvent.WarningId)
            .Select(w => new { Warning = w, w.Client!.Name, w.Client.ChineseName, w.Client.DepartmentId, w.Client.OwnerId })
            .SingleAsync(ct);
        var warning = filed.Warning;
        await notifier.SendAsync(WarningNotices.ForNewWarning(WarningNotices.Subject(warning, filed.Name, filed.ChineseName), warning.Severity,
            await notifier.DepartmentHeadIdsAsync(filed.DepartmentId, ct),
            warning.Severity == WarningSeverity.High ? await notifier.LeaderIdsAsync(ct) : [], filed.OwnerId, domainEvent.FiledById,
            domainEvent.OccurredAt), ct);
    }
}
