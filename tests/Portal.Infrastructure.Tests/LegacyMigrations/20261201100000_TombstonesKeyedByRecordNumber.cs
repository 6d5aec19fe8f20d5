using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>
/// A tombstone is keyed by its record number, which was unique already: the separate key column and its
/// index cost the purge an index insert per deleted declaration, about a sixth of its statement's time.
/// SQLite cannot change a primary key in place, and EF rebuilds a table only from a model snapshot, which
/// these hand-written migrations do not have, so on SQLite the table is rebuilt here.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201100000_TombstonesKeyedByRecordNumber")]
public sealed class TombstonesKeyedByRecordNumber : Migration
{
    private const string Table = "DeletionTombstones", PrimaryKey = "PK_DeletionTombstones", RecordNumberIndex = "IX_DeletionTombstones_RecordNumber";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.DropPrimaryKey(name: PrimaryKey, table: Table);
            migrationBuilder.DropIndex(name: RecordNumberIndex, table: Table);
            migrationBuilder.DropColumn(name: "Id", table: Table);
            migrationBuilder.AddPrimaryKey(name: PrimaryKey, table: Table, column: "RecordNumber");
            return;
        }
        const string kept = """ "RecordNumber", "OfficeCode", "CreatedAt", "DeletedAt", "Reason" """;
        RebuildOnSqlite(migrationBuilder, """
            "RecordNumber" TEXT NOT NULL CONSTRAINT "PK_DeletionTombstones" PRIMARY KEY,
            "OfficeCode" TEXT NOT NULL, "CreatedAt" INTEGER NOT NULL, "DeletedAt" INTEGER NOT NULL, "Reason" TEXT NOT NULL
            """, kept, kept + """ FROM "DeletionTombstones" """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Distinct keys for the rows already there, derived from their record numbers (at most 16 characters).
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.DropPrimaryKey(name: PrimaryKey, table: Table);
            migrationBuilder.AddColumn<Guid>(name: "Id", table: Table, nullable: false, defaultValue: Guid.Empty);
            migrationBuilder.Sql("""UPDATE "DeletionTombstones" SET "Id" = md5("RecordNumber")::uuid""");
            migrationBuilder.AddPrimaryKey(name: PrimaryKey, table: Table, column: "Id");
        }
        else
        {
            RebuildOnSqlite(migrationBuilder, """
                "Id" TEXT NOT NULL CONSTRAINT "PK_DeletionTombstones" PRIMARY KEY, "RecordNumber" TEXT NOT NULL,
                "OfficeCode" TEXT NOT NULL, "CreatedAt" INTEGER NOT NULL, "DeletedAt" INTEGER NOT NULL, "Reason" TEXT NOT NULL
                """, """
                "Id", "RecordNumber", "OfficeCode", "CreatedAt", "DeletedAt", "Reason"
                """, """
                substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12),
                "RecordNumber", "OfficeCode", "CreatedAt", "DeletedAt", "Reason"
                FROM (SELECT *, substr(hex("RecordNumber") || '00000000000000000000000000000000', 1, 32) AS h FROM "DeletionTombstones")
                """);
        }
        migrationBuilder.CreateIndex(name: RecordNumberIndex, table: Table, column: "RecordNumber", unique: true);
    }

    /// <summary>SQLite: a new table with <paramref name="columns"/>, filled by <c>SELECT <paramref name="selectFrom"/></c>, in place of the old one.</summary>
    private static void RebuildOnSqlite(MigrationBuilder migrationBuilder, string columns, string names, string selectFrom)
    {
        migrationBuilder.Sql($"""CREATE TABLE "DeletionTombstones_new" ({columns})""");
        migrationBuilder.Sql($"""INSERT INTO "DeletionTombstones_new" ({names}) SELECT {selectFrom}""");
        migrationBuilder.Sql("""DROP TABLE "DeletionTombstones" """);
        migrationBuilder.Sql("""ALTER TABLE "DeletionTombstones_new" RENAME TO "DeletionTombstones" """);
    }
}
