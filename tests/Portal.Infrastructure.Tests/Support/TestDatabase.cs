using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Tests.Support;

/// <summary>An empty database of one provider, migrated on demand, for one test.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;

    private TestDatabase(DatabaseOptions options, string? sqliteDirectory)
    {
        Options = options;
        _sqliteDirectory = sqliteDirectory;
    }

    public DatabaseOptions Options { get; }

    public static async Task<TestDatabase> CreateAsync(string provider, PostgresServer postgres)
    {
        if (provider == nameof(DatabaseProvider.Postgres))
            return new TestDatabase(new DatabaseOptions(DatabaseProvider.Postgres, await postgres.CreateDatabaseAsync(), false), null);
        var directory = Directory.CreateTempSubdirectory("portal-sqlite-").FullName;
        return new TestDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "portal.db")};Pooling=False", false), directory);
    }

    public PortalDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        DependencyInjection.ConfigureDbContext(builder, Options);
        return new PortalDbContext(builder.Options);
    }

    /// <summary>The portal's infrastructure services on this database, with files in <paramref name="dataDirectory"/>.</summary>
    public async Task MigrateAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (_sqliteDirectory is not null) Directory.Delete(_sqliteDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    public static TheoryData<string> Providers => [nameof(DatabaseProvider.Sqlite), nameof(DatabaseProvider.Postgres)];
}
