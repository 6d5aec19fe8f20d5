using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>
/// The outbox is delivered: each message gets the time of its next attempt and a dispatcher's claim
/// (until when, and a token naming it), and how it left, and the dispatchers' index orders pending rows by next attempt.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202060000_OutboxDelivery")]
public sealed class OutboxDelivery : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "NextAttemptAt", table: "OutboxMessages", nullable: false, defaultValue: 0L);
        migrationBuilder.Sql("""UPDATE "OutboxMessages" SET "NextAttemptAt" = "CreatedAt" """);
        migrationBuilder.AddColumn<long>(name: "ClaimedUntil", table: "OutboxMessages", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "ClaimToken", table: "OutboxMessages", nullable: true);
        migrationBuilder.AddColumn<string>(name: "DeliveredVia", table: "OutboxMessages", maxLength: 10, nullable: true);
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_Status_CreatedAt", table: "OutboxMessages");
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_Status_NextAttemptAt", table: "OutboxMessages", columns: ["Status", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_Status_NextAttemptAt", table: "OutboxMessages");
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_Status_CreatedAt", table: "OutboxMessages", columns: ["Status", "CreatedAt"]);
        foreach (var column in new[] { "DeliveredVia", "ClaimToken", "ClaimedUntil", "NextAttemptAt" })
        {
            // EF rebuilds a SQLite table to drop a column only with a model snapshot, which these migrations
            // have not; SQLite (3.35+) drops an unindexed column itself.
            if (migrationBuilder.IsSqlite()) migrationBuilder.Sql($"""ALTER TABLE "OutboxMessages" DROP COLUMN "{column}" """);
            else migrationBuilder.DropColumn(name: column, table: "OutboxMessages");
        }
    }
}
