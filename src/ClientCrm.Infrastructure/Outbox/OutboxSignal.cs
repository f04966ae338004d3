namespace ClientCrm.Infrastructure.Outbox;

/// <summary>
/// Wakes this instance's dispatcher as soon as a commit wrote outbox messages, so their handlers run within moments instead
/// of at the next poll. Only this process hears it; other instances find the messages at their next poll.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    // At most one wake pending: many commits during one dispatch need one more pass, not many.
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake is already pending.
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping; the next start's first pass finds the messages.
        }
    }

    /// <summary>Returns when woken or once <paramref name="timeout"/> has passed on <paramref name="time"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed without a wake.
        }
    }

    public void Dispose() => _wake.Dispose();
}
