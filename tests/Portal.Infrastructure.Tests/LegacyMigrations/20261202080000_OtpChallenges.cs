using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>The SMS codes that confirm a password change or reset: only their keyed hash, their attempts and their end.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202080000_OtpChallenges")]
public sealed class OtpChallenges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OtpChallenges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Purpose = table.Column<string>(maxLength: 20, nullable: false),
                CodeHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                AttemptsUsed = table.Column<int>(nullable: false),
                UsedAt = table.Column<long>(nullable: true),
                SupersededAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OtpChallenges", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_OtpChallenges_UserId_Purpose_CreatedAt", table: "OtpChallenges", columns: ["UserId", "Purpose", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "OtpChallenges");
}
