using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>Who hears of a new warning, whether the engine raised it or staff filed it (SPEC §4 and §7).</summary>
public static class WarningNotices
{
    /// <summary>How a notification names the client: the Chinese name first when there is one.</summary>
    public static string ClientLabel(string name, string? chineseName) => string.IsNullOrEmpty(chineseName) ? name : $"{chineseName} ({name})";

    /// <summary>
    /// The client's department heads (to review), the leaders when the warning is high, and the owner. One message per
    /// person (a head who owns the client is told once, to review), and none to whoever filed it.
    /// </summary>
    public static IEnumerable<Notification> ForNewWarning(Guid warningId, WarningSeverity severity, string text, IEnumerable<string> heads,
        IEnumerable<string> leaders, string ownerId, string? filerId, DateTimeOffset now)
    {
        var link = WarningLinks.Detail(warningId);
        var recipients = heads.Select(h => (Id: h, Kind: NotificationKind.WarningToReview))
            .Concat(severity == WarningSeverity.High ? leaders.Select(l => (Id: l, Kind: NotificationKind.HighWarning)) : [])
            .Append((Id: ownerId, Kind: NotificationKind.WarningOnOwnClient));
        return recipients
            .DistinctBy(r => r.Id)
            .Where(r => r.Id != filerId)
            .Select(r => new Notification(r.Id, r.Kind, text, link, now));
    }
}
