using Portal.Infrastructure.Persistence;

namespace Portal.Migrations.Sqlite;

/// <summary>`dotnet ef` with --project and --startup-project src/Portal.Migrations.Sqlite builds the context here.</summary>
public sealed class DesignTimeDbContextFactory()
    : PortalDesignTimeDbContextFactory(DatabaseProvider.Sqlite, "Data Source=portal-design-time.db");
