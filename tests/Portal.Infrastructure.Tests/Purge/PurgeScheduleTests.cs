using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Purge;

[Collection(DatabaseCollection.Name)]
public sealed class PurgeScheduleTests(PostgresServer postgres) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-quartz-").FullName;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_quartz_trigger_runs_the_purge_on_its_schedule(string provider)
    {
        await using var database = await DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);
        // Real time: the scheduler runs on the clock of the host.
        var createdAt = DateTimeOffset.UtcNow - TimeSpan.FromDays(11);
        await using (var db = database.NewContext())
        {
            var store = new Infrastructure.Files.PhotoStore(new PortalPaths(_dataDirectory));
            var photos = new List<DeclarationPhoto>();
            foreach (var kind in new[] { PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack })
                photos.Add(new DeclarationPhoto(kind, await store.SaveAsync(new byte[] { 1, 2, 3 }), PhotoFormat.Jpeg, 600, 800, 3, new string('a', 64)));
            db.Declarations.Add(Declaration.Submit(DeclarationPersistenceTests.SampleContent(), new RecordNumber(2026, 1),
                photos, "draft-1", new string('f', 64), createdAt));
            await db.SaveChangesAsync();
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = database.Options.ConnectionString,
            ["Database:Provider"] = database.Options.Provider.ToString(),
            ["Portal:DataDirectory"] = _dataDirectory,
            ["Purge:Cron"] = "* * * * * ?",
        });
        builder.Services.AddInfrastructure(builder.Configuration, _dataDirectory);
        using var host = builder.Build();

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

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
