namespace Portal.Infrastructure.Purge;

/// <summary>
/// Leaves the database and the processors to the submissions for a while after each batch: a purge at
/// full speed takes a whole core of the database server (and SQLite's only write lock) and doubles
/// their latency. The pause is a share of the batch's time in the database, not of the time spent
/// waiting for the file threads, which leave the processors to others already. A timer sleeps up to
/// a millisecond longer than asked, a third more than a few milliseconds' share: what was slept
/// beyond the share is taken off the next pause.
/// </summary>
internal sealed class PauseBetweenBatches(TimeProvider clock, PurgeOptions options)
{
    private TimeSpan _owed;

    public async Task YieldToOthersAsync(TimeSpan batchTook, CancellationToken cancellationToken)
    {
        if (options.PauseRatio <= 0) return;
        _owed += batchTook * options.PauseRatio;
        if (_owed < TimeSpan.FromMilliseconds(1)) return;
        var started = clock.GetTimestamp();
        await Task.Delay(_owed, clock, cancellationToken);
        _owed -= clock.GetElapsedTime(started);
    }
}
