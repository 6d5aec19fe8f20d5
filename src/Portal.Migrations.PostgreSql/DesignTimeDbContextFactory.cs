using Portal.Infrastructure.Persistence;

namespace Portal.Migrations.PostgreSql;

/// <summary>`dotnet ef` with --project and --startup-project src/Portal.Migrations.PostgreSql builds the context here.</summary>
public sealed class DesignTimeDbContextFactory()
    : PortalDesignTimeDbContextFactory(DatabaseProvider.Postgres, "Host=localhost;Database=portal_design_time;Username=postgres");
