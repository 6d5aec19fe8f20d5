using Microsoft.EntityFrameworkCore;
using Portal.Domain.Jobs;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>Keeps the <see cref="JobRun"/> record of one purge run, for the operators' job history.</summary>
internal sealed class PurgeRunRecorder(PortalDbContext db, TimeProvider clock, PurgeOptions options, PurgeProgress progress)
{
    private Guid _runId;
    private long _lastProgress;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await CloseAbandonedRunsAsync(cancellationToken);
        var run = JobRun.Start(PurgeOptions.JobName, clock.GetUtcNow());
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        _runId = run.Id;
        _lastProgress = clock.GetTimestamp();
    }

    /// <summary>A run whose process was killed never finishes; once it has been silent long enough it is recorded as interrupted.</summary>
    private async Task CloseAbandonedRunsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var running = await db.JobRuns.Where(r => r.JobName == PurgeOptions.JobName && r.Outcome == JobRunOutcome.Running).ToListAsync(cancellationToken);
        var abandoned = running.Where(r => r.IsAbandoned(now, options.AbandonedAfter)).ToList();
        foreach (var run in abandoned) run.MarkInterrupted(run.LastSeenAt);
        if (abandoned.Count > 0) await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Writes the counts so far to the run's record, at most once per <see cref="PurgeOptions.ProgressInterval"/>.</summary>
    public async Task ReportProgressAsync(CancellationToken cancellationToken)
    {
        if (clock.GetElapsedTime(_lastProgress) < options.ProgressInterval) return;
        _lastProgress = clock.GetTimestamp();
        var run = await db.JobRuns.SingleAsync(r => r.Id == _runId, cancellationToken);
        RecordProgress(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task FinishAsync(IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        var run = await db.JobRuns.SingleAsync(r => r.Id == _runId, cancellationToken);
        run.Finish(clock.GetUtcNow(), progress.DeclarationsDeleted, progress.DraftsDeleted, progress.FilesRemoved, progress.WarningsSent, errors);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records the run as stopped with its counts so far; not cancellable, as it runs once the run was cancelled.</summary>
    public async Task MarkInterruptedAsync()
    {
        db.ChangeTracker.Clear();
        var run = await db.JobRuns.SingleAsync(r => r.Id == _runId, CancellationToken.None);
        RecordProgress(run);
        run.MarkInterrupted(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private void RecordProgress(JobRun run) =>
        run.RecordProgress(clock.GetUtcNow(), progress.DeclarationsDeleted, progress.DraftsDeleted, progress.FilesRemoved, progress.WarningsSent);
}
