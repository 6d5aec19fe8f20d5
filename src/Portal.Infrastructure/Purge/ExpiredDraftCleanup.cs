using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>Drafts expire 24 hours after their last change; a submitted one goes with its declaration.</summary>
internal sealed class ExpiredDraftCleanup(PortalDbContext db, TimeProvider clock, PurgeOptions options, PurgeProgress progress, PurgeRunRecorder recorder)
{
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        while (true)
        {
            var rows = await db.Drafts
                .Where(d => d.DeclarationId == null && d.ExpiresAt < now)
                .OrderBy(d => d.ExpiresAt)
                .Select(d => d.Id)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) return;
            // Re-checked in the DELETE: a draft submitted meanwhile stays.
            progress.DraftsDeleted += await db.Drafts
                .Where(d => rows.Contains(d.Id) && d.DeclarationId == null && d.ExpiresAt < now)
                .ExecuteDeleteAsync(cancellationToken);
            await recorder.ReportProgressAsync(cancellationToken);
            if (rows.Count < options.BatchSize) return;
        }
    }
}
