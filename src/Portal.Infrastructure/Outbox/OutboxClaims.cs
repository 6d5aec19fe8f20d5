using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Outbox;

/// <summary>
/// Claims due messages for one dispatcher in one statement, so two dispatchers (two instances, or two
/// overlapping runs) never take the same message. PostgreSQL picks rows with <c>FOR UPDATE SKIP LOCKED</c>:
/// a second dispatcher takes other rows instead of waiting. SQLite has one writer at a time, so a
/// conditional <c>UPDATE … RETURNING</c> is atomic as it is. Both re-check the claim's conditions on the
/// row they update. The attempt is counted when claimed: a message that kills its process still runs out
/// of attempts.
/// </summary>
internal static class OutboxClaims
{
    private static readonly DateTimeOffsetToBinaryConverter Stored = new();

    public static long ToStored(DateTimeOffset instant) => (long)Stored.ConvertToProvider(instant)!;

    public static async Task<List<Guid>> ClaimAsync(PortalDbContext db, IReadOnlyCollection<OutboxChannel> channels, Guid token,
        DateTimeOffset now, TimeSpan timeout, int batchSize, CancellationToken cancellationToken)
    {
        if (channels.Count == 0) return [];
        var channelNames = channels.Select(c => c.ToString()).ToArray();
        var pending = nameof(OutboxStatus.Pending);
        var nowStored = ToStored(now);
        var until = ToStored(now + timeout);
        // EF Core keeps a Guid as upper-case text on SQLite; the token must compare equal to EF's parameter later.
        object tokenValue = db.Database.IsNpgsql() ? token : token.ToString("D").ToUpperInvariant();
        var due = """
            "Status" = {0} AND "NextAttemptAt" <= {1} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {1})
            """;
        if (db.Database.IsNpgsql())
        {
            var postgresSql = $$"""
                UPDATE "OutboxMessages" SET "ClaimedUntil" = {2}, "ClaimToken" = {3}, "Attempts" = "Attempts" + 1
                WHERE "Id" = ANY (ARRAY(
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE {{due}} AND "Channel" = ANY ({4})
                    ORDER BY "NextAttemptAt" LIMIT {5}
                    FOR UPDATE SKIP LOCKED))
                  AND {{due}}
                RETURNING "Id" AS "Value"
                """;
            return await db.Database.SqlQueryRaw<Guid>(postgresSql, pending, nowStored, until, tokenValue, channelNames, batchSize).ToListAsync(cancellationToken);
        }
        // Only parameter placeholders are put into the text; every value is a parameter.
        var channelPlaceholders = string.Join(", ", channelNames.Select((_, i) => $"{{{i + 5}}}"));
        object[] arguments = [pending, nowStored, until, tokenValue, batchSize, .. channelNames];
        var sql = $$"""
            UPDATE "OutboxMessages" SET "ClaimedUntil" = {2}, "ClaimToken" = {3}, "Attempts" = "Attempts" + 1
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE {{due}} AND "Channel" IN ({{channelPlaceholders}})
                ORDER BY "NextAttemptAt" LIMIT {4})
              AND {{due}}
            RETURNING "Id" AS "Value"
            """;
        return await db.Database.SqlQueryRaw<Guid>(sql, arguments).ToListAsync(cancellationToken);
    }
}
