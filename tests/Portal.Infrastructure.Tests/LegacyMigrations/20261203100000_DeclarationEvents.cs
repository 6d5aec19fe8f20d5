using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>A declaration's history: staff transitions and views, who and when.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203100000_DeclarationEvents")]
public sealed class DeclarationEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DeclarationEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DeclarationId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 10, nullable: false),
                ByUserId = table.Column<Guid>(nullable: false),
                ByUserName = table.Column<string>(maxLength: 256, nullable: false),
                At = table.Column<long>(nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_DeclarationEvents", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_DeclarationEvents_DeclarationId_At", table: "DeclarationEvents", columns: ["DeclarationId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("DeclarationEvents");
}
