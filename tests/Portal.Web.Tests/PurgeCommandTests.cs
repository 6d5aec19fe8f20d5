using Microsoft.AspNetCore.Builder;
using Portal.Web.Cli;

namespace Portal.Web.Tests;

public sealed class PurgeCommandTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-cli-").FullName;

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] verb)
    {
        var builder = WebApplication.CreateBuilder([.. verb, $"--Portal:DataDirectory={_dataDirectory}", "--ConnectionStrings:Portal=",
            "--Logging:LogLevel:Default=Warning", "--Purge:Enabled=false"]);
        builder.AddPortal();
        await using var app = builder.Build();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            return (await CommandLine.RunAsync(app, verb), output.ToString());
        }
        finally
        {
            Console.SetOut(original);
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
