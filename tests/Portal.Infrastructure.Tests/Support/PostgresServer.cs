using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Infrastructure.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by PORTAL_TEST_POSTGRES, or else a
/// throwaway cluster started from the machine's PostgreSQL binaries (run as the postgres user
/// when the tests run as root) and removed afterwards. Each test gets a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _clusterDirectory;
    private string? _binDirectory;

    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            return;
        }

        _binDirectory = FindBinDirectory();
        _clusterDirectory = Directory.CreateTempSubdirectory("portal-pg-").FullName;
        var port = FreePort();
        var asPostgresUser = Environment.UserName == "root";
        if (asPostgresUser) await RunAsync("chown", $"-R postgres:postgres {_clusterDirectory}", asPostgresUser: false);

        await RunAsync(Path.Combine(_binDirectory, "initdb"),
            $"-D {_clusterDirectory}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8", asPostgresUser);
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            $"-D {_clusterDirectory}/data -l {_clusterDirectory}/pg.log -w -t 60 " +
            $"-o \"-c listen_addresses=127.0.0.1 -p {port} -k {_clusterDirectory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start",
            asPostgresUser);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"portal_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_clusterDirectory is null || _binDirectory is null) return;
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), $"-D {_clusterDirectory}/data -m immediate -w stop",
            Environment.UserName == "root");
        Directory.Delete(_clusterDirectory, recursive: true);
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
            : Enumerable.Empty<string>();
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql-15), " +
                "and PORTAL_TEST_POSTGRES does not name a server.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string arguments, bool asPostgresUser)
    {
        var start = asPostgresUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "database";
}
