using Microsoft.Extensions.Configuration;

namespace Portal.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the portal uses. With no configuration it is SQLite in a file under the data
/// folder; a PostgreSQL connection string (one with "Host=") selects PostgreSQL.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string ConnectionStringName = "Portal";

    public static DatabaseOptions From(IConfiguration configuration, string dataDirectory)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var provider = configuration["Database:Provider"] switch
        {
            null or "" => connectionString?.Contains("Host=", StringComparison.OrdinalIgnoreCase) == true
                ? DatabaseProvider.Postgres
                : DatabaseProvider.Sqlite,
            var named when Enum.TryParse<DatabaseProvider>(named, ignoreCase: true, out var parsed) => parsed,
            var named => throw new InvalidOperationException($"Database:Provider '{named}' is not one of Sqlite, Postgres."),
        };
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:{ConnectionStringName} is empty.");
            connectionString = $"Data Source={Path.Combine(dataDirectory, "portal.db")}";
        }
        var migrateOnStartup = configuration.GetValue("Database:MigrateOnStartup", defaultValue: true);
        return new DatabaseOptions(provider, connectionString, migrateOnStartup);
    }
}
