using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>A child's declaration names the guardian, who signs it.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202090000_GuardianName")]
public sealed class GuardianName : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "GuardianName", table: "Declarations", maxLength: 200, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite()) migrationBuilder.Sql("""ALTER TABLE "Declarations" DROP COLUMN "GuardianName" """);
        else migrationBuilder.DropColumn(name: "GuardianName", table: "Declarations");
    }
}
