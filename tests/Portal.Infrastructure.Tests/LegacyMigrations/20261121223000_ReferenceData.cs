using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>Administrative units (versioned schemes) and BHXH offices. Hand-written and provider-neutral (DESIGN §2).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121223000_ReferenceData")]
public sealed class ReferenceData : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AdministrativeSchemes",
            columns: table => new
            {
                Code = table.Column<string>(maxLength: 20, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Depth = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AdministrativeSchemes", x => x.Code));

        migrationBuilder.CreateTable(
            name: "AdministrativeUnits",
            columns: table => new
            {
                SchemeCode = table.Column<string>(maxLength: 20, nullable: false),
                Code = table.Column<string>(maxLength: 10, nullable: false),
                Name = table.Column<string>(maxLength: 150, nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                ParentCode = table.Column<string>(maxLength: 10, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AdministrativeUnits", x => new { x.SchemeCode, x.Code });
                table.ForeignKey(
                    name: "FK_AdministrativeUnits_AdministrativeSchemes_SchemeCode",
                    column: x => x.SchemeCode,
                    principalTable: "AdministrativeSchemes",
                    principalColumn: "Code",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_AdministrativeUnits_AdministrativeUnits_SchemeCode_ParentCode",
                    columns: x => new { x.SchemeCode, x.ParentCode },
                    principalTable: "AdministrativeUnits",
                    principalColumns: ["SchemeCode", "Code"],
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AdministrativeUnits_SchemeCode_ParentCode",
            table: "AdministrativeUnits",
            columns: ["SchemeCode", "ParentCode"]);

        migrationBuilder.CreateTable(
            name: "BhxhOffices",
            columns: table => new
            {
                Code = table.Column<string>(maxLength: 5, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                ParentCode = table.Column<string>(maxLength: 5, nullable: true),
                Address = table.Column<string>(maxLength: 300, nullable: true),
                Phone = table.Column<string>(maxLength: 11, nullable: true),
                Source = table.Column<string>(maxLength: 20, nullable: false),
                AdministrativeUnitCode = table.Column<string>(maxLength: 10, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BhxhOffices", x => x.Code);
                table.ForeignKey(
                    name: "FK_BhxhOffices_BhxhOffices_ParentCode",
                    column: x => x.ParentCode,
                    principalTable: "BhxhOffices",
                    principalColumn: "Code",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_BhxhOffices_ParentCode",
            table: "BhxhOffices",
            column: "ParentCode");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "BhxhOffices");
        migrationBuilder.DropTable(name: "AdministrativeUnits");
        migrationBuilder.DropTable(name: "AdministrativeSchemes");
    }
}
