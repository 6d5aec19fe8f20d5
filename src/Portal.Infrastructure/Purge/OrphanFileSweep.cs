using Microsoft.EntityFrameworkCore;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>
/// Removes photo files that neither a declaration photo row nor a draft refers to, once they are older
/// than the grace period, and temporary files of writes that never finished. Files are listed before the rows are read, so a file that gains a row
/// meanwhile is new (inside the grace period) and a file that had a row at listing time still has one.
/// </summary>
internal sealed class OrphanFileSweep(PortalDbContext db, PhotoStore photos, TimeProvider clock, PurgeOptions options, PurgeProgress progress, PurgeRunRecorder recorder)
{
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var olderThan = (clock.GetUtcNow() - options.FileGracePeriod).UtcDateTime;
        // A write killed between its temporary file and the rename leaves a file no key names (the crash test found one).
        progress.AddFilesRemoved(photos.RemoveTemporaryFilesOlderThan(olderThan));
        var oldFiles = photos.List().Where(f => f.LastWriteUtc < olderThan).Select(f => f.Key).ToList();
        if (oldFiles.Count == 0) return;

        var draftKeys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var json in db.Drafts.AsNoTracking().Select(d => d.FormJson).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var photo in DraftForm.FromJson(json).Photos.Values) draftKeys.Add(photo.Key);
        }

        foreach (var chunk in oldFiles.Where(k => !draftKeys.Contains(k)).Chunk(options.BatchSize))
        {
            var keys = chunk.ToList();
            // A photo row whose declaration is gone keeps nothing alive: on PostgreSQL no foreign key
            // cascades (see PurgeDeletesPhotoRows), so a declaration deleted by hand can leave its rows behind.
            await db.Set<DeclarationPhoto>()
                .Where(p => keys.Contains(p.StorageKey) && !db.Declarations.Any(d => d.Id == EF.Property<Guid>(p, "DeclarationId")))
                .ExecuteDeleteAsync(cancellationToken);
            var referenced = (await db.Set<DeclarationPhoto>().AsNoTracking()
                .Where(p => keys.Contains(p.StorageKey)).Select(p => p.StorageKey)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            progress.AddFilesRemoved(RemoveFiles(keys.Where(k => !referenced.Contains(k))));
            await recorder.ReportProgressAsync(cancellationToken);
        }
    }

    private int RemoveFiles(IEnumerable<string> keys)
    {
        var removed = 0;
        foreach (var key in keys)
            if (photos.TryRemove(key)) removed++;
        return removed;
    }
}
