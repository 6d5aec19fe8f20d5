namespace Portal.Infrastructure.Purge;

/// <summary>
/// Deletes expired declarations a batch at a time, each batch in one transaction with its photo rows,
/// outbox messages and draft, leaving a tombstone per declaration. One per database provider.
/// </summary>
internal interface IExpiredBatchDeleter : IAsyncDisposable
{
    /// <summary>Deletes the next batch; null once none is left.</summary>
    Task<DeletedBatch?> DeleteNextAsync(CancellationToken cancellationToken);
}

/// <param name="PhotoKeys">The storage keys of the batch's photos, joined by spaces.</param>
/// <param name="Took">The batch's time in the database, of which the pause after it is a share.</param>
internal sealed record DeletedBatch(int Declarations, string PhotoKeys, TimeSpan Took);
