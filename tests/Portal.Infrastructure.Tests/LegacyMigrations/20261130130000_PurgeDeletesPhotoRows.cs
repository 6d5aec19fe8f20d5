using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>
/// PostgreSQL: the purge deletes a declaration's photo rows in the statement that deletes the declaration,
/// so the cascading foreign key goes: its trigger ran one query per deleted declaration, a fifth of the
/// purge's database time. Photo rows are only ever written together with their declaration, in one
/// transaction. SQLite keeps the cascade, which its purge relies on.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261130130000_PurgeDeletesPhotoRows")]
public sealed class PurgeDeletesPhotoRows : Migration
{
    private const string ForeignKey = "FK_DeclarationPhotos_Declarations_DeclarationId";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.DropForeignKey(name: ForeignKey, table: "DeclarationPhotos");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.AddForeignKey(name: ForeignKey, table: "DeclarationPhotos", column: "DeclarationId",
                principalTable: "Declarations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
    }
}
