using Microsoft.AspNetCore.Builder;
using Portal.Web.Cli;

namespace Portal.Web.Tests;

public sealed class PurgeCommandTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-cli-").FullName;

    private Task<(int ExitCode, string Output)> RunAsync(params string[] verb) => RunAsync(verb, migrateOnStartup: true);

    private async Task<(int ExitCode, string Output)> RunAsync(string[] verb, bool migrateOnStartup)
    {
        var builder = WebApplication.CreateBuilder([.. verb, $"--Portal:DataDirectory={_dataDirectory}", "--ConnectionStrings:Portal=",
            "--Logging:LogLevel:Default=Warning", "--Purge:Enabled=false", $"--Database:MigrateOnStartup={migrateOnStartup}"]);
        builder.AddPortal();
        await using var app = builder.Build();
        var output = new StringWriter();
        var original = Console.Out;
        var originalError = Console.Error;
        Console.SetOut(output);
        try
        {
            Console.SetError(output);
            return (await CommandLine.RunAsync(app, verb), output.ToString());
        }
        finally
        {
            Console.SetOut(original);
            Console.SetError(originalError);
        }
    }

    [Fact]
    public async Task Jobs_run_purge_prints_counts_and_records_a_job_run()
    {
        Assert.True(CommandLine.IsCommand(["jobs", "run", "purge"]));
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var (exitCode, output) = await RunAsync("jobs", "run", "purge");

        Assert.Equal(0, exitCode);
        Assert.Contains("Purge: 0 reminders queued, 0 declarations deleted, 0 drafts deleted, 0 files removed, 0 errors.", output);
    }

    [Fact]
    public async Task Jobs_run_purge_on_a_new_database_migrates_it_first_unless_told_not_to()
    {
        var (refused, message) = await RunAsync(["jobs", "run", "purge"], migrateOnStartup: false);
        Assert.Equal(2, refused);
        Assert.Contains("run `migrate` first", message);

        var (exitCode, output) = await RunAsync("jobs", "run", "purge");

        Assert.Equal(0, exitCode);
        Assert.Contains("Purge: 0 reminders queued, 0 declarations deleted", output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
