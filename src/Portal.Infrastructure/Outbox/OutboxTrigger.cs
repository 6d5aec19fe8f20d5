using Hangfire;

namespace Portal.Infrastructure.Outbox;

/// <summary>
/// Starts a dispatch right after a commit that queued messages, so mail leaves within seconds rather
/// than at the next recurring run. A burst of submissions enqueues one job, not one per submission: a
/// job already enqueued by this instance and not yet started will claim the new messages too. The mark
/// lapses after a few seconds, in case the job ran on another instance and never cleared it here.
/// </summary>
public sealed class OutboxTrigger(IBackgroundJobClient jobs, TimeProvider clock)
{
    private static readonly TimeSpan EnqueuedMarkLapsesAfter = TimeSpan.FromSeconds(5);
    private long _enqueuedAt = long.MinValue;

    public void MessagesQueued()
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _enqueuedAt);
        if (last != long.MinValue && clock.GetElapsedTime(last, now) < EnqueuedMarkLapsesAfter) return;
        if (Interlocked.CompareExchange(ref _enqueuedAt, now, last) != last) return;
        jobs.Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
    }

    /// <summary>Called as a dispatch starts: messages queued from now on need a job of their own.</summary>
    public void DispatchStarting() => Interlocked.Exchange(ref _enqueuedAt, long.MinValue);
}
