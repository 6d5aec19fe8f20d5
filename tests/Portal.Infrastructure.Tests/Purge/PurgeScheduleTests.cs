using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Purge;

[Collection(DatabaseCollection.Name)]
public sealed class PurgeScheduleTests(PostgresServer postgres) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-hangfire-").FullName;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_recurring_job_runs_the_purge_on_its_schedule(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        // Real time: the scheduler runs on the clock of the host.
        var createdAt = DateTimeOffset.UtcNow - TimeSpan.FromDays(11);
        await SeedAsync(database, 1, createdAt);

        using var host = PurgeHost(database, new() { ["Purge:Cron"] = "* * * * * *" });

        await host.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                await using var db = database.NewContext();
                if (await db.JobRuns.AnyAsync(r => r.FinishedAt != null)) break;
                Assert.True(DateTime.UtcNow < deadline, "The purge did not run within 30 s of a schedule of every second.");
                await Task.Delay(200);
            }
        }
        finally
        {
            await host.StopAsync();
        }

        await using var after = database.NewContext();
        Assert.Equal(0, await after.Declarations.CountAsync());
        Assert.Equal(["GD/2026/00001"], await after.DeletionTombstones.Select(t => t.RecordNumber).Distinct().ToListAsync());
        Assert.Empty(await after.JobRuns.Where(r => r.ErrorSummary != null).Select(r => r.ErrorSummary).ToListAsync());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "photos"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Stopping_the_host_interrupts_a_running_purge_which_records_itself_as_interrupted()
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(nameof(DatabaseProvider.Sqlite), postgres);
        var createdAt = DateTimeOffset.UtcNow - TimeSpan.FromDays(11);
        for (var i = 1; i <= 5; i++) await SeedAsync(database, i, createdAt);
        using var host = PurgeHost(database, new()
        {
            ["Purge:Cron"] = "* * * * * *",
            // One declaration per batch and a long pause after each: the run is still going when the host stops.
            ["Purge:BatchSize"] = "1",
            ["Purge:PauseRatio"] = "1000",
        });

        await host.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = database.NewContext();
            if (await db.DeletionTombstones.AnyAsync()) break;
            Assert.True(DateTime.UtcNow < deadline, "The purge did not start within 30 s of a schedule of every second.");
            await Task.Delay(100);
        }
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await host.StopAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopping.Elapsed}");
        await using var after = database.NewContext();
        var run = await after.JobRuns.SingleAsync();
        Assert.Equal(Domain.Jobs.JobRunOutcome.Interrupted, run.Outcome);
        Assert.NotNull(run.FinishedAt);
        Assert.InRange(await after.Declarations.CountAsync(), 1, 4);
        Assert.Equal(5 - await after.Declarations.CountAsync(), run.DeletedCount);
    }

    [Fact]
    public async Task Two_servers_on_one_postgres_storage_run_one_purge_per_occurrence()
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(nameof(DatabaseProvider.Postgres), postgres);
        await SeedAsync(database, 1, DateTimeOffset.UtcNow - TimeSpan.FromDays(11));
        // One occurrence, seconds from now (Vietnam time; time enough for both hosts to start), that both servers see come due.
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(8), Jobs.VietnamTimeZone.Instance);
        var settings = new Dictionary<string, string?> { ["Purge:Cron"] = $"{at.Second} {at.Minute} {at.Hour} * * *" };
        using var first = PurgeHost(database, settings);
        using var second = PurgeHost(database, settings);

        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                await using var db = database.NewContext();
                if (await db.JobRuns.AnyAsync(r => r.FinishedAt != null)) break;
                Assert.True(DateTime.UtcNow < deadline, "The purge did not run within 30 s of its occurrence.");
                await Task.Delay(200);
            }
            // Both servers poll the schedule every second: a second run would have started by now.
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        finally
        {
            await Task.WhenAll(first.StopAsync(), second.StopAsync());
        }

        await using var after = database.NewContext();
        Assert.Equal(1, await after.JobRuns.CountAsync());
        Assert.Equal(0, await after.Declarations.CountAsync());
    }

    private async Task SeedAsync(TestDatabase database, int sequence, DateTimeOffset createdAt)
    {
        var store = new Infrastructure.Files.PhotoStore(new PortalPaths(_dataDirectory));
        var photos = new List<DeclarationPhoto>();
        foreach (var kind in new[] { PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack })
            photos.Add(new DeclarationPhoto(kind, await store.SaveAsync(new byte[] { 1, 2, 3 }), PhotoFormat.Jpeg, 600, 800, 3, new string('a', 64)));
        await using var db = database.NewContext();
        db.Declarations.Add(Declaration.Submit(DeclarationPersistenceTests.SampleContent(), new RecordNumber(2026, sequence),
            photos, $"draft-{sequence}", new string('f', 64), createdAt));
        await db.SaveChangesAsync();
    }

    private IHost PurgeHost(TestDatabase database, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database.Options.ConnectionString,
            ["Database:Provider"] = database.Options.Provider.ToString(),
            ["Portal:DataDirectory"] = _dataDirectory,
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
        }.Concat(settings));
        builder.Services.AddInfrastructure(builder.Configuration, _dataDirectory);
        return builder.Build();
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
