using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.LegacyMigrations;

/// <summary>A job run records its progress while it runs, so a killed run can be told from a slow one.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122020000_JobRunProgress")]
public sealed class JobRunProgress : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "LastProgressAt", table: "JobRuns", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "LastProgressAt", table: "JobRuns");
}
