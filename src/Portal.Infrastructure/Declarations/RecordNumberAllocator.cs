using Microsoft.EntityFrameworkCore;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Declarations;

/// <summary>
/// Hands out GD/&lt;year&gt;/&lt;sequence&gt; numbers. The increment is one UPDATE … RETURNING inside the
/// caller's transaction: PostgreSQL locks the year's row and SQLite takes its single write lock, so two
/// submissions never get the same number; a rolled-back submission leaves a gap, never a duplicate.
/// </summary>
public static class RecordNumberAllocator
{
    public static async Task<RecordNumber> NextAsync(PortalDbContext db, int year, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Allocate record numbers inside the submission's transaction.");
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "RecordSequences" ("Year", "LastValue") VALUES ({year}, 0) ON CONFLICT ("Year") DO NOTHING""",
            cancellationToken);
        var next = await db.Database.SqlQuery<int>(
                $"""UPDATE "RecordSequences" SET "LastValue" = "LastValue" + 1 WHERE "Year" = {year} RETURNING "LastValue" AS "Value" """)
            .ToListAsync(cancellationToken);
        return new RecordNumber(year, next.Single());
    }
}
