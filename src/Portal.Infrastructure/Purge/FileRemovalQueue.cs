using System.Threading.Channels;
using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Purge;

/// <summary>
/// Removes committed batches' files on threads of its own while the next batches are deleted in the
/// database: on a disk that discards freed blocks, unlinking three files takes longer than deleting their
/// declaration's rows. Own threads, not the thread pool's: unlink blocks, and the web requests served
/// by the same process must not wait for a pool thread. The threads run at the lowest priority
/// (<see cref="BackgroundThread"/>): unlinking costs processor time in the kernel, and on a busy machine
/// the requests and the database come first. The queue is bounded, so memory is too.
/// </summary>
internal sealed class FileRemovalQueue
{
    private readonly PhotoStore _photos;
    private readonly PurgeProgress _progress;
    private readonly Channel<string> _queue;
    private readonly Task[] _workers;

    public FileRemovalQueue(PhotoStore photos, PurgeOptions options, PurgeProgress progress)
    {
        _photos = photos;
        _progress = progress;
        // Four batches' keys wait at most, so memory stays bounded.
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(4) { SingleWriter = true });
        _workers = Enumerable.Range(0, options.FileRemovalParallelism)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
    }

    /// <summary>Set by tests: runs after a batch's rows are committed and before its files are removed.</summary>
    public Func<IReadOnlyList<string>, Task>? BeforeFileRemoval { get; init; }

    private void Work()
    {
        BackgroundThread.LowerCurrentPriority();
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            while (reader.TryRead(out var keys))
                foreach (var key in keys.AsSpan().Split(' '))
                    if (_photos.TryRemove(keys.AsSpan()[key])) _progress.AddFilesRemoved(1);
    }

    /// <summary>
    /// Queues a batch's keys, joined by spaces, so that the purge's loop only hands a string over.
    /// Call only after the rows naming them are committed; a crash after that leaves orphans for the sweep.
    /// </summary>
    public async Task StartAsync(string keys)
    {
        if (keys.Length == 0) return;
        if (BeforeFileRemoval is not null) await BeforeFileRemoval(keys.Split(' '));
        await _queue.Writer.WriteAsync(keys);
    }

    /// <summary>Waits until every queued file is removed.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }
}
