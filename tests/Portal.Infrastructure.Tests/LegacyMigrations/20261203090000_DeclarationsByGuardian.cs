using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>
/// Hồ sơ của tôi lists a guardian's children's declarations by the guardian's mã số BHXH on every visit;
/// without this index each visit reads the whole table (accepted declarations are kept for good).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203090000_DeclarationsByGuardian")]
public sealed class DeclarationsByGuardian : Migration
{
    private const string Index = "IX_Declarations_GuardianMaSoBhxh";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: Index, table: "Declarations", column: "GuardianMaSoBhxh");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: Index, table: "Declarations");
}
