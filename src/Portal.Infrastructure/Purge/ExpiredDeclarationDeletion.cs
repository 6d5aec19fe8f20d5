using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>Deletes the expired declarations batch by batch, their files removed behind, a pause after each batch.</summary>
internal sealed class ExpiredDeclarationDeletion(PortalDbContext db, PhotoStore photos, TimeProvider clock, PurgeOptions options, PurgeProgress progress, PurgeRunRecorder recorder)
{
    /// <inheritdoc cref="PortableBatchDeleter.BeforeDeleteBatch"/>
    public Func<IReadOnlyList<Guid>, Task>? BeforeDeleteBatch { get; init; }

    /// <inheritdoc cref="FileRemovalQueue.BeforeFileRemoval"/>
    public Func<IReadOnlyList<string>, Task>? BeforeFileRemoval { get; init; }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await using var deleter = await OpenDeleterAsync(cancellationToken);
        var pause = new PauseBetweenBatches(clock, options);
        var removal = new FileRemovalQueue(photos, options, progress) { BeforeFileRemoval = BeforeFileRemoval };
        try
        {
            while (await deleter.DeleteNextAsync(cancellationToken) is { } batch)
            {
                progress.DeclarationsDeleted += batch.Declarations;
                await removal.StartAsync(batch.PhotoKeys);
                await recorder.ReportProgressAsync(cancellationToken);
                await pause.YieldToOthersAsync(batch.Took, cancellationToken);
            }
        }
        finally
        {
            await removal.CompleteAsync();
        }
    }

    private async Task<IExpiredBatchDeleter> OpenDeleterAsync(CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? await PostgresBatchDeleter.OpenAsync(db, clock, options, cancellationToken)
            : new PortableBatchDeleter(db, clock, options) { BeforeDeleteBatch = BeforeDeleteBatch };
}
