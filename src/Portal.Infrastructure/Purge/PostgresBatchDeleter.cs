using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Purge;

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
internal sealed class PostgresBatchDeleter : IExpiredBatchDeleter
{
    private const string Sql = """
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

    private static readonly DateTimeOffsetToBinaryConverter StoredInstant = new();

    private readonly PortalDbContext _db;
    private readonly TimeProvider _clock;
    private readonly DbCommand _command;
    private readonly DbParameter _after;

    private PostgresBatchDeleter(PortalDbContext db, TimeProvider clock, PurgeOptions options, DateTimeOffset now)
    {
        _db = db;
        _clock = clock;
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.CommandText = Sql;
        _command.CommandTimeout = (int)TimeSpan.FromMinutes(5).TotalSeconds;
        Add("submitted", nameof(DeclarationStatus.Submitted));
        Add("cutoff", ToStored(now - Declaration.HandInPeriod));
        Add("batch", options.BatchSize);
        Add("now", ToStored(now));
        Add("reason", DeletionTombstone.NotHandedInWithin10Days);
        _after = Add("after", long.MinValue);
    }

    /// <summary>Opens the connection the run keeps and prepares the statement on it.</summary>
    public static async Task<PostgresBatchDeleter> OpenAsync(PortalDbContext db, TimeProvider clock, PurgeOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var deleter = new PostgresBatchDeleter(db, clock, options, now);
        try
        {
            await deleter._command.PrepareAsync(cancellationToken);
            return deleter;
        }
        catch
        {
            await deleter.DisposeAsync();
            throw;
        }
    }

    public async Task<DeletedBatch?> DeleteNextAsync(CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        // A single statement is its own transaction: the rows, tombstones and messages commit together.
        var (declarations, lastCreatedAt, keys) = await ReadBatchAsync(cancellationToken);
        var statementTook = _clock.GetElapsedTime(started);
        if (declarations == 0) return null;
        // The next batch starts where this one ended: from the start, the index scan would step over
        // every entry deleted so far (they stay in the index until vacuum) and slow down batch by batch.
        _after.Value = lastCreatedAt;
        return new DeletedBatch(declarations, keys, statementTook);
    }

    /// <summary>
    /// Runs one batch, which answers in one row: the count deleted, the last created-at and the photo keys
    /// joined by spaces. A row per photo cost the purge's loop, on the thread pool the requests share, more
    /// processor time than the rest of its work; the file threads split the keys instead.
    /// </summary>
    private async Task<(int Declarations, long LastCreatedAt, string Keys)> ReadBatchAsync(CancellationToken cancellationToken)
    {
        await using var reader = await _command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var declarations = (int)reader.GetInt64(0);
        return declarations == 0
            ? (0, long.MinValue, "")
            : (declarations, reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }

    private DbParameter Add(string name, object value)
    {
        var parameter = _command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        _command.Parameters.Add(parameter);
        return parameter;
    }

    private static long ToStored(DateTimeOffset instant) => (long)StoredInstant.ConvertToProvider(instant)!;
}
