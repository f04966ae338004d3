namespace ClientCrm.Infrastructure.Outbox;

/// <summary>
/// One handler's duty towards one <see cref="OutboxMessage"/>: pending until the handler has handled it, then marked
/// processed in the same transaction as the handler's own writes, so a message is never handled twice by the same handler
/// and never dropped. A failure is kept (attempts, last error) and tried again later, each wait twice the one before.
/// </summary>
public sealed class OutboxDelivery
{
    public const int MaxHandlerLength = 100;
    public const int MaxErrorLength = 2000;

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="LongestRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>A handler that keeps failing is still tried once an hour: the message is never given up, admins see it waiting.</summary>
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromHours(1);

    private OutboxDelivery() { }

    internal OutboxDelivery(Guid messageId, string handler, DateTimeOffset dueAt)
    {
        MessageId = messageId;
        Handler = handler;
        NextAttemptAt = dueAt;
    }

    public Guid MessageId { get; private set; }
    public OutboxMessage? Message { get; private set; }

    /// <summary>The handler's name (its class name, e.g. <c>ClientWarningCheck</c>).</summary>
    public string Handler { get; private set; } = "";

    /// <summary>Failed attempts so far (a success does not count).</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The last failure: exception type and message, for the admins' page. Never a payload or a decrypted value.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    public bool IsProcessed => ProcessedAt is not null;

    /// <summary>How long to wait before the next attempt after <paramref name="failures"/> failed ones.</summary>
    public static TimeSpan RetryDelay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        // Doubling past 2^9 already exceeds the cap; stopping there keeps the multiplication far from overflowing.
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 10));
        return delay < LongestRetryDelay ? delay : LongestRetryDelay;
    }

    internal void Processed(DateTimeOffset now)
    {
        ProcessedAt = now;
        LastAttemptAt = now;
    }

    internal void Failed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastAttemptAt = now;
        LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        NextAttemptAt = now + RetryDelay(Attempts);
    }

    /// <summary>An admin asks for the next attempt now instead of at the end of the wait.</summary>
    internal void RetryNow(DateTimeOffset now)
    {
        if (!IsProcessed)
        {
            NextAttemptAt = now;
        }
    }
}
