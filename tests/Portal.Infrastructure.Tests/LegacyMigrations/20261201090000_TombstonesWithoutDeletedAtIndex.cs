using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>
/// No query reads tombstones by their deletion time, and the purge inserts a million of them in a run, each
/// also inserted into this index: one B-tree insert per deleted declaration for nothing.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201090000_TombstonesWithoutDeletedAtIndex")]
public sealed class TombstonesWithoutDeletedAtIndex : Migration
{
    private const string Index = "IX_DeletionTombstones_DeletedAt";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: Index, table: "DeletionTombstones");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: Index, table: "DeletionTombstones", column: "DeletedAt");
}
