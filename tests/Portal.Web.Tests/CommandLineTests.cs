using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Cli;

namespace Portal.Web.Tests;

/// <summary>Runs alone: it captures the process's console, which other tests' apps would otherwise write into.</summary>
[Collection(ConsoleCapture)]
public sealed class CommandLineTests : IDisposable
{
    public const string ConsoleCapture = "Console capture";

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
    public async Task Accounts_create_makes_an_account_whose_first_password_goes_by_sms_and_is_never_printed()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var (exitCode, output) = await RunAsync("accounts", "create", "--role", "OfficeStaff", "--user", "canbo.dongda",
            "--name", "Lê Văn Nam", "--phone", "+84 912 000 002", "--office", "00106");

        Assert.Equal(0, exitCode);
        Assert.Equal("Account canbo.dongda (OfficeStaff) created; its first password is queued by SMS.", output.Trim());
        var builder = new DbContextOptionsBuilder<Portal.Infrastructure.Persistence.PortalDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_dataDirectory, "portal.db")};Pooling=False");
        await using var db = new Portal.Infrastructure.Persistence.PortalDbContext(builder.Options);
        var user = Assert.Single(db.Users);
        Assert.Equal(("canbo.dongda", "0912000002", "00106", true), (user.UserName, user.PhoneNumber, user.OfficeCode, user.MustChangePassword));
        var sms = Assert.Single(db.OutboxMessages);
        Assert.DoesNotContain(sms.Body.Split("mat khau: ")[1][..10], output);
    }

    [Theory]
    [InlineData("--role", "Citizen", "--user", "12345", "--name", "A")]
    [InlineData("--role", "OfficeStaff", "--user", "canbo.x", "--name", "A", "--phone", "0912000002")]
    [InlineData("--role", "Nobody", "--user", "x", "--name", "A", "--phone", "0912000002")]
    [InlineData("--role", "Citizen", "--user", "0123456789")]
    public async Task Accounts_create_refuses_bad_input_with_exit_code_2_and_creates_nothing(params string[] options)
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var (exitCode, output) = await RunAsync(["accounts", "create", .. options]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("accounts create: ", output);
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

[CollectionDefinition(CommandLineTests.ConsoleCapture, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection;
