using Microsoft.EntityFrameworkCore;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>SQLite (and any provider without data-modifying WITH): read a batch, then delete what is still Submitted.</summary>
internal sealed class PortableBatchDeleter(PortalDbContext db, TimeProvider clock, PurgeOptions options) : IExpiredBatchDeleter
{
    private readonly DateTimeOffset _now = clock.GetUtcNow();
    private readonly HashSet<Guid> _seen = [];

    /// <summary>Set by tests: runs after a batch's candidates are read and before they are deleted.</summary>
    public Func<IReadOnlyList<Guid>, Task>? BeforeDeleteBatch { get; init; }

    private sealed record Candidate(Guid Id, RecordNumber RecordNumber, string OfficeCode, DateTimeOffset CreatedAt);

    public async Task<DeletedBatch?> DeleteNextAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var cutoff = _now - Declaration.HandInPeriod;
        var candidates = await db.Declarations.AsNoTracking()
            .Where(d => d.Status == DeclarationStatus.Submitted && d.CreatedAt < cutoff)
            // The order of index IX_Declarations_Status_CreatedAt, so a batch is read without a sort.
            .OrderBy(d => d.CreatedAt)
            .Take(options.BatchSize)
            .Select(d => new Candidate(d.Id, d.RecordNumber, d.OfficeCode, d.CreatedAt))
            .ToListAsync(cancellationToken);
        // A candidate seen before and still here could not be deleted: stop rather than loop.
        candidates = candidates.Where(c => _seen.Add(c.Id)).ToList();
        if (candidates.Count == 0) return null;
        var ids = candidates.Select(c => c.Id).ToList();
        var keysById = (await db.Set<DeclarationPhoto>().AsNoTracking()
                .Where(p => ids.Contains(EF.Property<Guid>(p, "DeclarationId")))
                .Select(p => new { DeclarationId = EF.Property<Guid>(p, "DeclarationId"), p.StorageKey })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.DeclarationId, p => p.StorageKey);
        if (BeforeDeleteBatch is not null) await BeforeDeleteBatch(ids);

        var removedKeys = new List<string>();
        int deleted;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var gone = await DeleteStillSubmittedAsync(candidates.Select(c => c.Id).ToList(), cancellationToken);
            foreach (var candidate in candidates.Where(c => gone.Contains(c.Id)))
            {
                removedKeys.AddRange(keysById[candidate.Id]);
                db.DeletionTombstones.Add(new DeletionTombstone(candidate.RecordNumber.ToString(), candidate.OfficeCode, candidate.CreatedAt, _now,
                    DeletionTombstone.NotHandedInWithin10Days));
            }
            if (gone.Count > 0)
            {
                // Photo rows go with the declaration (ON DELETE CASCADE). The outbox messages and the
                // draft carry the same personal data, so they go too.
                var goneIds = gone.ToList();
                await db.OutboxMessages.Where(m => m.DeclarationId != null && goneIds.Contains(m.DeclarationId.Value)).ExecuteDeleteAsync(cancellationToken);
                await db.Drafts.Where(d => d.DeclarationId != null && goneIds.Contains(d.DeclarationId.Value)).ExecuteDeleteAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            deleted = gone.Count;
        }
        var batchTook = clock.GetElapsedTime(started);
        db.ChangeTracker.Clear();
        return new DeletedBatch(deleted, string.Join(' ', removedKeys), batchTook);
    }

    /// <summary>
    /// One statement for the batch: the DELETE itself re-checks that each
    /// declaration is still Submitted, so one received since it was read, or already deleted by another
    /// purge, is left alone; RETURNING names exactly the rows this run deleted (and tombstones).
    /// </summary>
    private async Task<HashSet<Guid>> DeleteStillSubmittedAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var placeholders = string.Join(", ", ids.Select((_, i) => $"{{{i + 1}}}"));
        var arguments = new object[ids.Count + 1];
        arguments[0] = nameof(DeclarationStatus.Submitted);
        for (var i = 0; i < ids.Count; i++) arguments[i + 1] = ids[i];
        // Only parameter placeholders ({0}, {1}, …) are put into the text; every value is a parameter.
        var sql = "DELETE FROM \"Declarations\" WHERE \"Status\" = {0} AND \"Id\" IN (" + placeholders + ") RETURNING \"Id\" AS \"Value\"";
        var deleted = await db.Database.SqlQueryRaw<Guid>(sql, arguments).ToListAsync(cancellationToken);
        return deleted.ToHashSet();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
