using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Dossier;

/// <summary>
/// Tells of an access request's step (<see cref="AccessRequestStepTaken"/>): the leaders that one was filed, the requester
/// that it was approved, refused or revoked. The leaders' message names the client; the requester's names it as they did
/// (<see cref="AccessRequest.NamedAs"/>), as they need not see the client to be told. Whoever acted is not told.
/// </summary>
public sealed class AccessRequestNotices(CrmDbContext db, Notifier notifier) : IDomainEventHandler<AccessRequestStepTaken>
{
    public async Task HandleAsync(AccessRequestStepTaken domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var request = await db.AccessRequests.AsNoTracking().Where(r => r.Id == domainEvent.RequestId)
            .Select(r => new { r.Number, r.ClientId, r.RequesterId, r.NamedAs }).SingleAsync(ct);
        var number = $"#{request.Number}";
        if (domainEvent.Action is null)
        {
            // The client's names for the leaders, who see every client; read past the filter like the right itself.
            var client = await db.Clients.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == request.ClientId)
                .Select(c => new { c.Name, c.ChineseName }).SingleAsync(ct);
            var subject = new NotificationSubject(domainEvent.RequestId, client.Name, client.ChineseName, null, number);
            await notifier.SendAsync((await notifier.LeaderIdsAsync(ct)).Where(id => id != domainEvent.ActorId)
                .Select(id => Notification.About(id, NotificationKind.AccessRequestSubmitted, subject, domainEvent.OccurredAt)), ct);
        }
        else if (request.RequesterId != domainEvent.ActorId)
        {
            var kind = domainEvent.Action switch
            {
                AccessRequestAction.Approve => NotificationKind.AccessRequestApproved,
                AccessRequestAction.Refuse => NotificationKind.AccessRequestRefused,
                _ => NotificationKind.AccessRequestRevoked,
            };
            var subject = new NotificationSubject(domainEvent.RequestId, request.NamedAs ?? number, null, null, number);
            await notifier.SendAsync([Notification.About(request.RequesterId, kind, subject, domainEvent.OccurredAt)], ct);
        }
    }
}
