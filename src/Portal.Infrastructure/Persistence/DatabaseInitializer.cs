using Portal.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.ReferenceData;

namespace Portal.Infrastructure.Persistence;

/// <summary>Brings a database up to date: applies migrations (adopting a hand-written schema, <see cref="PortalMigrations"/>), then seeds reference data. Safe to run again.</summary>
public sealed class DatabaseInitializer(PortalDbContext db, ReferenceDataSeeder seeder, TimeProvider clock)
{
    public async Task<SeedReport> InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a submission writes; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.MigrateSchemaAsync(cancellationToken);
        await AccountSeeder.SeedRolesAsync(db, clock, cancellationToken);
        return await seeder.SeedAsync(db, cancellationToken);
    }
}
