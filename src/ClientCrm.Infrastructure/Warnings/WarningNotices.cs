using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>Who hears of a new warning, whether the engine raised it or staff filed it (SPEC §4 and §7).</summary>
public static class WarningNotices
{
    /// <summary>
    /// A warning and what its messages need of its client, read as the system: the scope of whoever acted does not
    /// decide who hears of it.
    /// </summary>
    public static Task<WarningAndClient> ReadAsync(CrmDbContext db, Guid warningId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Warnings.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.Id == warningId)
            .Select(w => new WarningAndClient(w, w.Client!.Name, w.Client.ChineseName, w.Client.DepartmentId, w.Client.OwnerId))
            .SingleAsync(ct);
    }

    /// <summary>What a message about <paramref name="warning"/> is about: its client's names and its rule, or its summary.</summary>
    public static NotificationSubject Subject(Warning warning, string clientName, string? clientChineseName)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return new NotificationSubject(warning.Id, clientName, clientChineseName, warning.Rule, warning.Rule is null ? warning.Summary : null);
    }

    /// <summary>
    /// The client's department heads (to review), the leaders when the warning is high, and the owner. One message per
    /// person (a head who owns the client is told once, to review), and none to whoever filed it.
    /// </summary>
    public static IEnumerable<Notification> ForNewWarning(NotificationSubject warning, WarningSeverity severity, IEnumerable<string> heads,
        IEnumerable<string> leaders, string ownerId, string? filerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var recipients = heads.Select(h => (Id: h, Kind: NotificationKind.WarningToReview))
            .Concat(severity == WarningSeverity.High ? leaders.Select(l => (Id: l, Kind: NotificationKind.HighWarning)) : [])
            .Append((Id: ownerId, Kind: NotificationKind.WarningOnOwnClient));
        return recipients
            .DistinctBy(r => r.Id)
            .Where(r => r.Id != filerId)
            .Select(r => Notification.About(r.Id, r.Kind, warning, now));
    }
}

/// <summary>A warning with its client's names, department and owner (<see cref="WarningNotices.ReadAsync"/>).</summary>
public sealed record WarningAndClient(Warning Warning, string Name, string? ChineseName, int DepartmentId, string OwnerId)
{
    public NotificationSubject Subject => WarningNotices.Subject(Warning, Name, ChineseName);
}
