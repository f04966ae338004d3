namespace ClientCrm.Infrastructure.Notifications;

/// <summary>
/// Counts the changes this app instance made to notifications (sent, read). The unread count of the top bar is kept per
/// user under this count for a few seconds, so a user's own reading shows at once and other users' changes within seconds.
/// </summary>
public sealed class InboxVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}
