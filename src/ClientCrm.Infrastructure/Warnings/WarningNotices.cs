using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>Who hears of a new warning, whether the engine raised it or staff filed it (SPEC §4 and §7).</summary>
public static class WarningNotices
{
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
