using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Outbox;
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

    private sealed record Candidate(Guid Id, string RecordNumber, string OfficeCode, DateTimeOffset CreatedAt);

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
        await Step("delete", () => DeleteExpiredDeclarationsAsync(progress, recorder, cancellationToken));
        await Step("drafts", () => new ExpiredDraftCleanup(db, clock, options, progress, recorder).DeleteAsync(cancellationToken));
        await Step("sweep", () => new OrphanFileSweep(db, photos, clock, options, progress, recorder).SweepAsync(cancellationToken));

        await recorder.FinishAsync(errors, cancellationToken);
        logger.LogInformation("Purge: {Warnings} reminders, {Deleted} declarations, {Drafts} drafts, {Files} files, {Errors} errors",
            progress.WarningsSent, progress.DeclarationsDeleted, progress.DraftsDeleted, progress.FilesRemoved, errors.Count);
        return new PurgeReport(progress.WarningsSent, progress.DeclarationsDeleted, progress.DraftsDeleted, progress.FilesRemoved, errors);
    }

    /// <summary>Deletes expired declarations batch by batch; returns the count deleted and the files removed.</summary>
    private Task DeleteExpiredDeclarationsAsync(PurgeProgress progress, PurgeRunRecorder recorder, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? DeleteExpiredOnPostgresAsync(progress, recorder, cancellationToken) : DeleteExpiredPortablyAsync(progress, recorder, cancellationToken);

    /// <summary>
    /// PostgreSQL: one statement per batch does the whole delete, with no round trip per step.
    /// <c>FOR UPDATE SKIP LOCKED</c> makes a second purge take other rows instead of queueing behind this
    /// one, skips a row a staff transaction is changing (the next run takes it if it is still Submitted),
    /// and re-checks the status of a row changed since the statement began. The picked rows are deleted by
    /// their ctid, which cannot change while this statement holds their lock, instead of by a second descent
    /// of the primary key per row. The photo rows are deleted by the statement too, not by a cascading
    /// foreign key, whose trigger ran a query per declaration (migration <c>PurgeDeletesPhotoRows</c>).
    /// <c>= ANY (ARRAY(…))</c> keeps the planner on the indexes: with a join it hashes the whole table per batch.
    /// The statement is prepared once per run on one connection, as planning it took a tenth of each batch.
    /// </summary>
    private async Task DeleteExpiredOnPostgresAsync(PurgeProgress progress, PurgeRunRecorder recorder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        const string sql = """
            WITH picked AS (
                SELECT ctid FROM "Declarations"
                WHERE "Status" = @submitted AND "CreatedAt" < @cutoff AND "CreatedAt" >= @after
                ORDER BY "CreatedAt"
                LIMIT @batch
                FOR UPDATE SKIP LOCKED
            ), gone AS (
                DELETE FROM "Declarations" d
                WHERE d.ctid = ANY (ARRAY(SELECT ctid FROM picked)) AND d."Status" = @submitted
                RETURNING d."Id", d."RecordNumber", d."OfficeCode", d."CreatedAt"
            ), tombstones AS (
                INSERT INTO "DeletionTombstones" ("RecordNumber", "OfficeCode", "CreatedAt", "DeletedAt", "Reason")
                SELECT "RecordNumber", "OfficeCode", "CreatedAt", @now, @reason FROM gone
            ), photos AS (
                DELETE FROM "DeclarationPhotos" WHERE "DeclarationId" = ANY (ARRAY(SELECT "Id" FROM gone))
                RETURNING "StorageKey"
            ), outbox AS (
                DELETE FROM "OutboxMessages" WHERE "DeclarationId" = ANY (ARRAY(SELECT "Id" FROM gone))
            ), drafts AS (
                DELETE FROM "Drafts" WHERE "DeclarationId" = ANY (ARRAY(SELECT "Id" FROM gone))
            )
            SELECT (SELECT count(*) FROM gone), (SELECT max("CreatedAt") FROM gone), (SELECT string_agg("StorageKey", ' ') FROM photos)
            """;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var pause = new PauseBetweenBatches(clock, options);
        var removal = new FileRemovalQueue(photos, options, progress) { BeforeFileRemoval = BeforeFileRemoval };
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = (int)TimeSpan.FromMinutes(5).TotalSeconds;
            DbParameter Add(string name, object value)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
                return parameter;
            }
            Add("submitted", nameof(DeclarationStatus.Submitted));
            Add("cutoff", ToStored(now - Declaration.HandInPeriod));
            Add("batch", options.BatchSize);
            Add("now", ToStored(now));
            Add("reason", DeletionTombstone.NotHandedInWithin10Days);
            var after = Add("after", long.MinValue);
            await command.PrepareAsync(cancellationToken);

            while (true)
            {
                var started = clock.GetTimestamp();
                // A single statement is its own transaction: the rows, tombstones and messages commit together.
                var (declarations, lastCreatedAt, keys) = await ReadBatchAsync(command, cancellationToken);
                var statementTook = clock.GetElapsedTime(started);
                if (declarations == 0) break;
                progress.DeclarationsDeleted += declarations;
                // The next batch starts where this one ended: from the start, the index scan would step over
                // every entry deleted so far (they stay in the index until vacuum) and slow down batch by batch.
                after.Value = lastCreatedAt;
                await removal.StartAsync(keys);
                await recorder.ReportProgressAsync(cancellationToken);
                await pause.YieldToOthersAsync(statementTook, cancellationToken);
            }
        }
        finally
        {
            await removal.CompleteAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs one batch, which answers in one row: the count deleted, the last created-at and the photo keys
    /// joined by spaces. A row per photo cost the purge's loop, on the thread pool the requests share, more
    /// processor time than the rest of its work; the file threads split the keys instead.
    /// </summary>
    private static async Task<(int Declarations, long LastCreatedAt, string Keys)> ReadBatchAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var declarations = (int)reader.GetInt64(0);
        return declarations == 0
            ? (0, long.MinValue, "")
            : (declarations, reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
    }

    private static readonly DateTimeOffsetToBinaryConverter StoredInstant = new();
    private static long ToStored(DateTimeOffset instant) => (long)StoredInstant.ConvertToProvider(instant)!;

    /// <summary>SQLite (and any provider without data-modifying WITH): read a batch, then delete what is still Submitted.</summary>
    private async Task DeleteExpiredPortablyAsync(PurgeProgress progress, PurgeRunRecorder recorder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - Declaration.HandInPeriod;
        var seen = new HashSet<Guid>();
        var pause = new PauseBetweenBatches(clock, options);
        var removal = new FileRemovalQueue(photos, options, progress) { BeforeFileRemoval = BeforeFileRemoval };
        try
        {
            while (true)
            {
                var started = clock.GetTimestamp();
                var candidates = await db.Declarations.AsNoTracking()
                    .Where(d => d.Status == DeclarationStatus.Submitted && d.CreatedAt < cutoff)
                    // The order of index IX_Declarations_Status_CreatedAt, so a batch is read without a sort.
                    .OrderBy(d => d.CreatedAt)
                    .Take(options.BatchSize)
                    .Select(d => new Candidate(d.Id, d.RecordNumber, d.OfficeCode, d.CreatedAt))
                    .ToListAsync(cancellationToken);
                // A candidate seen before and still here could not be deleted: stop rather than loop.
                candidates = candidates.Where(c => seen.Add(c.Id)).ToList();
                if (candidates.Count == 0) break;
                var ids = candidates.Select(c => c.Id).ToList();
                var keysById = (await db.Set<DeclarationPhoto>().AsNoTracking()
                        .Where(p => ids.Contains(EF.Property<Guid>(p, "DeclarationId")))
                        .Select(p => new { DeclarationId = EF.Property<Guid>(p, "DeclarationId"), p.StorageKey })
                        .ToListAsync(cancellationToken))
                    .ToLookup(p => p.DeclarationId, p => p.StorageKey);
                if (BeforeDeleteBatch is not null) await BeforeDeleteBatch(ids);

                var removedKeys = new List<string>();
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    var gone = await DeleteStillSubmittedAsync(candidates.Select(c => c.Id).ToList(), cancellationToken);
                    foreach (var candidate in candidates.Where(c => gone.Contains(c.Id)))
                    {
                        removedKeys.AddRange(keysById[candidate.Id]);
                        db.DeletionTombstones.Add(new DeletionTombstone(candidate.RecordNumber, candidate.OfficeCode, candidate.CreatedAt, now,
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
                    progress.DeclarationsDeleted += gone.Count;
                }
                var batchTook = clock.GetElapsedTime(started);
                db.ChangeTracker.Clear();
                await removal.StartAsync(string.Join(' ', removedKeys));
                await recorder.ReportProgressAsync(cancellationToken);
                await pause.YieldToOthersAsync(batchTook, cancellationToken);
            }
        }
        finally
        {
            await removal.CompleteAsync();
        }
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
}
