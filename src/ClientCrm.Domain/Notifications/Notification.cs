namespace ClientCrm.Domain.Notifications;

/// <summary>
/// Why a notification was sent. Every workflow that tells someone something adds its kind here and sends through the
/// one inbox; the UI names each kind in the reader's language.
/// </summary>
public enum NotificationKind
{
    /// <summary>A new warning on a client of the department waits for the head's review.</summary>
    WarningToReview = 1,

    /// <summary>A warning on an A client, or a high one, for the leaders at once.</summary>
    HighWarning = 2,

    /// <summary>A warning nobody acknowledged in time.</summary>
    WarningEscalated = 3,

    /// <summary>The engine raised a warning on one of the recipient's own clients.</summary>
    WarningOnOwnClient = 4,
}

/// <summary>
/// One message in one person's inbox: what happened (kind and a short text naming the client) and where to look
/// (a link inside the app). Read once opened.
/// </summary>
public class Notification
{
    public const int MaxTextLength = 500;

    private Notification() { }

    public Notification(string recipientId, NotificationKind kind, string text, string link, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientId);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        if (!IsAppLocal(link))
        {
            throw new ArgumentException("A notification links inside the app.", nameof(link));
        }

        Id = Guid.CreateVersion7(now);
        RecipientId = recipientId;
        Kind = kind;
        Text = text.Length <= MaxTextLength ? text : text[..MaxTextLength];
        Link = link;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string RecipientId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public const int MaxLinkLength = 300;

    public bool IsRead => ReadAt is not null;

    /// <summary>
    /// Opening a notification redirects to its link, so only a path inside the app passes: it starts with one "/", not
    /// "//" or "/\" (browsers read both as another site), and has no control characters (browsers drop tabs and line
    /// breaks, which could turn "/\t/x" into "//x").
    /// </summary>
    public static bool IsAppLocal(string? link) =>
        link is { Length: > 0 and <= MaxLinkLength }
        && link[0] == '/'
        && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Any(char.IsControl);

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
