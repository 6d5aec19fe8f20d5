using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>Mẫu 01's sections 2 and 3: a declaration says which part it fills in, with the new contacts or the stop date and reason.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202093000_DeclarationPurposes")]
public sealed class DeclarationPurposes : Migration
{
    private static readonly string[] Added = ["Purpose", "AmendedEmail", "AmendedMobilePhone", "StopFrom", "StopReason"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Purpose", table: "Declarations", maxLength: 10, nullable: false, defaultValue: "Register");
        migrationBuilder.AddColumn<string>(name: "AmendedEmail", table: "Declarations", maxLength: 254, nullable: true);
        migrationBuilder.AddColumn<string>(name: "AmendedMobilePhone", table: "Declarations", maxLength: 10, nullable: true);
        migrationBuilder.AddColumn<DateOnly>(name: "StopFrom", table: "Declarations", nullable: true);
        migrationBuilder.AddColumn<string>(name: "StopReason", table: "Declarations", maxLength: 500, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in Added)
        {
            if (migrationBuilder.IsSqlite()) migrationBuilder.Sql($"""ALTER TABLE "Declarations" DROP COLUMN "{column}" """);
            else migrationBuilder.DropColumn(name: column, table: "Declarations");
        }
    }
}
