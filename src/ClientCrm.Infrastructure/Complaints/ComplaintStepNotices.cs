using ClientCrm.Domain.Complaints;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Complaints;

/// <summary>A complaint's client as its messages need it, read as the system.</summary>
public sealed record ComplaintAndClient(Guid Id, string Name, string? ChineseName, int DepartmentId, string OwnerId)
{
    public NotificationSubject Subject => new(Id, Name, ChineseName, null, null);

    public static Task<ComplaintAndClient> ReadAsync(CrmDbContext db, Guid complaintId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Complaints.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == complaintId)
            .Select(c => new ComplaintAndClient(c.Id, c.Client!.Name, c.Client.ChineseName, c.Client.DepartmentId, c.Client.OwnerId))
            .SingleAsync(ct);
    }
}

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

        var item = await ComplaintAndClient.ReadAsync(db, domainEvent.ComplaintId, ct);
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
