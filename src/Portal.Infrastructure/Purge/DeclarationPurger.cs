using Microsoft.Extensions.Logging;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

/// <summary>What one purge did: counts only.</summary>
public sealed record PurgeReport(int WarningsSent, int DeclarationsDeleted, int DraftsDeleted, int FilesRemoved, IReadOnlyList<string> Errors);

/// <summary>
/// The 10-day purge. Declarations still <see cref="DeclarationStatus.Submitted"/> 10 days after Ghi nhận
/// are deleted with their photo rows, outbox messages and draft, leaving a <see cref="DeletionTombstone"/>;
/// their files go once the batch has committed. A sweep then removes files that no row refers to
/// (crash leftovers, photos of abandoned drafts). Three days before deletion the person gets a
/// reminder, once. Every step re-checks its condition in the statement that changes the row, so
/// a staff action or a second purge racing with this one is never overruled and nothing is done twice.
/// </summary>
public sealed class DeclarationPurger(PortalDbContext db, PhotoStore photos, TimeProvider clock, PurgeOptions options, ILogger<DeclarationPurger> logger)
{
    /// <summary>Set by tests: on the read-then-delete path (SQLite), runs after a batch's candidates are read and before they are deleted.</summary>
    internal Func<IReadOnlyList<Guid>, Task>? BeforeDeleteBatch { get; set; }

    /// <summary>Set by tests: runs after a batch's rows are committed and before its files are removed.</summary>
    internal Func<IReadOnlyList<string>, Task>? BeforeFileRemoval { get; set; }

    public async Task<PurgeReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var progress = new PurgeProgress();
        var recorder = new PurgeRunRecorder(db, clock, options, progress);
        await recorder.StartAsync(cancellationToken);
        try
        {
            return await RunStepsAsync(progress, recorder, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host is shutting down: say so rather than leave the run "running" forever.
            await recorder.MarkInterruptedAsync();
            logger.LogWarning("Purge interrupted after {Deleted} declarations", progress.DeclarationsDeleted);
            throw;
        }
    }

    private async Task<PurgeReport> RunStepsAsync(PurgeProgress progress, PurgeRunRecorder recorder, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        async Task Step(string name, Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The type only: a database error's message may quote the values of a row.
                errors.Add($"{name}: {e.GetType().Name}");
                logger.LogError("Purge step {Step} failed with {ExceptionType}", name, e.GetType().FullName);
                db.ChangeTracker.Clear();
            }
        }

        await Step("warn", () => new ExpiryReminder(db, clock, options, progress, recorder).SendAsync(cancellationToken));
        await Step("delete", () => new ExpiredDeclarationDeletion(db, photos, clock, options, progress, recorder)
            { BeforeDeleteBatch = BeforeDeleteBatch, BeforeFileRemoval = BeforeFileRemoval }.DeleteAsync(cancellationToken));
        await Step("drafts", () => new ExpiredDraftCleanup(db, clock, options, progress, recorder).DeleteAsync(cancellationToken));
        await Step("sweep", () => new OrphanFileSweep(db, photos, clock, options, progress, recorder).SweepAsync(cancellationToken));
        await Step("challenges", () => new ExpiredChallengeCleanup(db, clock).DeleteAsync(cancellationToken));

        await recorder.FinishAsync(errors, cancellationToken);
        logger.LogInformation("Purge: {Warnings} reminders, {Deleted} declarations, {Drafts} drafts, {Files} files, {Errors} errors",
            progress.WarningsSent, progress.DeclarationsDeleted, progress.DraftsDeleted, progress.FilesRemoved, errors.Count);
        return new PurgeReport(progress.WarningsSent, progress.DeclarationsDeleted, progress.DraftsDeleted, progress.FilesRemoved, errors);
    }
}
