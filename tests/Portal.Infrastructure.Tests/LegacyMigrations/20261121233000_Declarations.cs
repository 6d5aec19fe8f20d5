using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>Declarations with their photos, record sequences, drafts, captcha challenges and the outbox.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121233000_Declarations")]
public sealed class Declarations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Declarations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RecordNumber = table.Column<string>(maxLength: 20, nullable: false),
                RecordYear = table.Column<int>(nullable: false),
                RecordSequence = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                ReceivedAt = table.Column<long>(nullable: true),
                DecidedAt = table.Column<long>(nullable: true),
                RejectionReason = table.Column<string>(maxLength: 1000, nullable: true),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                MaSoBhxh = table.Column<string>(maxLength: 10, nullable: false),
                IdentityNumber = table.Column<string>(maxLength: 12, nullable: true),
                GuardianMaSoBhxh = table.Column<string>(maxLength: 10, nullable: true),
                GuardianIdentityNumber = table.Column<string>(maxLength: 12, nullable: true),
                AddressSchemeCode = table.Column<string>(maxLength: 20, nullable: false),
                ProvinceCode = table.Column<string>(maxLength: 10, nullable: false),
                DistrictCode = table.Column<string>(maxLength: 10, nullable: true),
                WardCode = table.Column<string>(maxLength: 10, nullable: false),
                Street = table.Column<string>(maxLength: 200, nullable: false),
                AddressText = table.Column<string>(maxLength: 500, nullable: false),
                ContactPerson = table.Column<string>(maxLength: 200, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                MobilePhone = table.Column<string>(maxLength: 10, nullable: false),
                UseFrom = table.Column<DateOnly>(nullable: true),
                Channel = table.Column<string>(maxLength: 20, nullable: false),
                IvanName = table.Column<string>(maxLength: 200, nullable: true),
                OfficeCode = table.Column<string>(maxLength: 5, nullable: false),
                SubmissionMethod = table.Column<string>(maxLength: 20, nullable: false),
                SendEmail = table.Column<bool>(nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 64, nullable: false),
                SubmitterTokenHash = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Declarations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Declarations_BhxhOffices_OfficeCode",
                    column: x => x.OfficeCode,
                    principalTable: "BhxhOffices",
                    principalColumn: "Code",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_Declarations_RecordNumber", table: "Declarations", column: "RecordNumber", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Declarations_RecordYear_RecordSequence", table: "Declarations", columns: ["RecordYear", "RecordSequence"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Declarations_Status_CreatedAt", table: "Declarations", columns: ["Status", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Declarations_MaSoBhxh", table: "Declarations", column: "MaSoBhxh");
        migrationBuilder.CreateIndex(name: "IX_Declarations_OfficeCode_Status", table: "Declarations", columns: ["OfficeCode", "Status"]);
        migrationBuilder.CreateIndex(name: "IX_Declarations_IdempotencyKey", table: "Declarations", column: "IdempotencyKey", unique: true);

        migrationBuilder.CreateTable(
            name: "DeclarationPhotos",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DeclarationId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                StorageKey = table.Column<string>(maxLength: 100, nullable: false),
                Format = table.Column<string>(maxLength: 10, nullable: false),
                Width = table.Column<int>(nullable: false),
                Height = table.Column<int>(nullable: false),
                SizeBytes = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DeclarationPhotos", x => x.Id);
                table.ForeignKey(
                    name: "FK_DeclarationPhotos_Declarations_DeclarationId",
                    column: x => x.DeclarationId,
                    principalTable: "Declarations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DeclarationPhotos_DeclarationId_Kind", table: "DeclarationPhotos", columns: ["DeclarationId", "Kind"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_DeclarationPhotos_StorageKey", table: "DeclarationPhotos", column: "StorageKey", unique: true);

        migrationBuilder.CreateTable(
            name: "RecordSequences",
            columns: table => new
            {
                Year = table.Column<int>(nullable: false),
                LastValue = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RecordSequences", x => x.Year));

        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Channel = table.Column<string>(maxLength: 10, nullable: false),
                Recipient = table.Column<string>(maxLength: 254, nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: true),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                DeclarationId = table.Column<Guid>(nullable: true),
                Attachment = table.Column<string>(maxLength: 20, nullable: false),
                Status = table.Column<string>(maxLength: 10, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                SentAt = table.Column<long>(nullable: true),
                LastError = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OutboxMessages", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_Status_CreatedAt", table: "OutboxMessages", columns: ["Status", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_OutboxMessages_DeclarationId", table: "OutboxMessages", column: "DeclarationId");

        migrationBuilder.CreateTable(
            name: "Drafts",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                FormJson = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                DeclarationId = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Drafts", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Drafts_TokenHash", table: "Drafts", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Drafts_ExpiresAt", table: "Drafts", column: "ExpiresAt");

        migrationBuilder.CreateTable(
            name: "CaptchaChallenges",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                CodeHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                UsedAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CaptchaChallenges", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CaptchaChallenges_ExpiresAt", table: "CaptchaChallenges", column: "ExpiresAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CaptchaChallenges");
        migrationBuilder.DropTable(name: "Drafts");
        migrationBuilder.DropTable(name: "OutboxMessages");
        migrationBuilder.DropTable(name: "RecordSequences");
        migrationBuilder.DropTable(name: "DeclarationPhotos");
        migrationBuilder.DropTable(name: "Declarations");
    }
}
