using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>The 10-day purge: tombstones of deleted declarations, the job history, the reminder's mark and an index to find a declaration's draft.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000000_Purge")]
public sealed class Purge : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "WarningSentAt", table: "Declarations", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Drafts_DeclarationId", table: "Drafts", column: "DeclarationId");

        migrationBuilder.CreateTable(
            name: "DeletionTombstones",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RecordNumber = table.Column<string>(maxLength: 20, nullable: false),
                OfficeCode = table.Column<string>(maxLength: 5, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DeletedAt = table.Column<long>(nullable: false),
                Reason = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DeletionTombstones", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_DeletionTombstones_RecordNumber", table: "DeletionTombstones", column: "RecordNumber", unique: true);
        migrationBuilder.CreateIndex(name: "IX_DeletionTombstones_DeletedAt", table: "DeletionTombstones", column: "DeletedAt");

        migrationBuilder.CreateTable(
            name: "JobRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                JobName = table.Column<string>(maxLength: 50, nullable: false),
                StartedAt = table.Column<long>(nullable: false),
                FinishedAt = table.Column<long>(nullable: true),
                Outcome = table.Column<string>(maxLength: 30, nullable: false),
                DeletedCount = table.Column<int>(nullable: false),
                DraftsDeleted = table.Column<int>(nullable: false),
                FilesRemoved = table.Column<int>(nullable: false),
                WarningsSent = table.Column<int>(nullable: false),
                ErrorCount = table.Column<int>(nullable: false),
                ErrorSummary = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_JobRuns", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_JobRuns_StartedAt", table: "JobRuns", column: "StartedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "JobRuns");
        migrationBuilder.DropTable(name: "DeletionTombstones");
        migrationBuilder.DropIndex(name: "IX_Drafts_DeclarationId", table: "Drafts");
        migrationBuilder.DropColumn(name: "WarningSentAt", table: "Declarations");
    }
}
