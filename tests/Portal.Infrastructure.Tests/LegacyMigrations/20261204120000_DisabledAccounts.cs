using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>When an admin disabled an account (null: enabled).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261204120000_DisabledAccounts")]
public sealed class DisabledAccounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "DisabledAt", table: "AspNetUsers", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // EF rebuilds a SQLite table to drop a column, which a migration without a model snapshot cannot; SQLite 3.35+ drops it itself.
        if (migrationBuilder.IsSqlite()) migrationBuilder.Sql("""ALTER TABLE "AspNetUsers" DROP COLUMN "DisabledAt" """);
        else migrationBuilder.DropColumn(name: "DisabledAt", table: "AspNetUsers");
    }
}
