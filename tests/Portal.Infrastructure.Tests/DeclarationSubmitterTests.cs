using Portal.Infrastructure.Outbox;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests;

[Collection(DatabaseCollection.Name)]
public sealed class DeclarationSubmitterTests(PostgresServer postgres) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-submit-").FullName;
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero));

    private sealed class FakeClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Stands for a process that dies between writing the rows and committing them.</summary>
    private sealed class DieBeforeCommit : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) =>
            throw new IOException("process died before the commit");
    }

    private PhotoStore Store => new(new PortalPaths(_dataDirectory));

    private static PortalDbContext Context(TestDatabase database, params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        DependencyInjection.ConfigureDbContext(builder, database.Options);
        builder.AddInterceptors(interceptors);
        return new PortalDbContext(builder.Options);
    }

    private Task<TestDatabase> DatabaseAsync(string provider) => DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);

    private async Task<(string Token, Dictionary<PhotoKind, StoredPhoto> Photos)> DraftWithPhotosAsync(TestDatabase database)
    {
        var photos = new Dictionary<PhotoKind, StoredPhoto>();
        foreach (var kind in new[] { PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack })
        {
            var key = await Store.SaveAsync(new byte[] { 0xFF, 0xD8, (byte)kind });
            photos[kind] = new StoredPhoto(key, PhotoFormat.Jpeg, 600, 800, 3, new string('a', 64));
        }
        await using var db = database.NewContext();
        var (draft, token) = await new DraftService(db, _clock).StartAsync(DeclarationKind.Individual);
        await new DraftService(db, _clock).SaveAsync(draft, new DraftForm { Photos = photos });
        return (token, photos);
    }

    private async Task<Declaration> SubmitAsync(TestDatabase database, string token, Dictionary<PhotoKind, StoredPhoto> photos, params IInterceptor[] interceptors)
    {
        await using var db = Context(database, interceptors);
        var draft = (await new DraftService(db, _clock).FindAsync(token))!;
        return await new DeclarationSubmitter(db, _clock, Store, new OutboxTrigger(new Hangfire.BackgroundJobClient(new Hangfire.InMemory.InMemoryStorage()), _clock)).SubmitAsync(draft, DeclarationPersistenceTests.SampleContent(), photos);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_submissions_get_unique_record_numbers(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var drafts = new List<(string, Dictionary<PhotoKind, StoredPhoto>)>();
        for (var i = 0; i < 24; i++) drafts.Add(await DraftWithPhotosAsync(database));

        var declarations = await Task.WhenAll(drafts.Select(d => Task.Run(() => SubmitAsync(database, d.Item1, d.Item2))));

        Assert.Equal(24, declarations.Select(d => d.RecordNumber).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 24), declarations.Select(d => d.RecordSequence).Order());
        Assert.All(declarations, d => Assert.StartsWith("GD/2026/", d.RecordNumber.ToString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_draft_submitted_concurrently_makes_one_declaration_and_one_sms_and_email(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var (token, photos) = await DraftWithPhotosAsync(database);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SubmitAsync(database, token, photos))));

        Assert.Single(results.Select(r => r.Id).Distinct());
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Declarations.CountAsync());
        Assert.Equal([Outbox.OutboxChannel.Sms, Outbox.OutboxChannel.Email], (await db.OutboxMessages.Select(m => m.Channel).ToListAsync()).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_crash_before_the_commit_leaves_no_row_and_the_photos_still_owned_by_the_draft(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var (token, photos) = await DraftWithPhotosAsync(database);

        await Assert.ThrowsAsync<IOException>(() => SubmitAsync(database, token, photos, new DieBeforeCommit()));

        await using (var db = database.NewContext())
        {
            Assert.Equal(0, await db.Declarations.CountAsync());
            Assert.Equal(0, await db.Set<DeclarationPhoto>().CountAsync());
            Assert.Equal(0, await db.OutboxMessages.CountAsync());
            var draft = (await new DraftService(db, _clock).FindAsync(token))!;
            Assert.Null(draft.DeclarationId);
            Assert.Equal(photos.Values.Select(p => p.Key).Order(), DraftForm.FromJson(draft.FormJson).Photos.Values.Select(p => p.Key).Order());
        }
        Assert.All(photos.Values, p => Assert.True(Store.Exists(p.Key)));

        // Trying again after the restart completes with the same photo files.
        var declaration = await SubmitAsync(database, token, photos);
        await using var after = database.NewContext();
        var stored = await after.Declarations.Include(d => d.Photos).SingleAsync();
        Assert.Equal(declaration.Id, stored.Id);
        Assert.Equal(photos.Values.Select(p => p.Key).Order(), stored.Photos.Select(p => p.StorageKey).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_photo_missing_from_the_store_stops_the_submission_before_any_row(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var (token, photos) = await DraftWithPhotosAsync(database);
        Store.Delete(photos[PhotoKind.IdBack].Key);

        var e = await Assert.ThrowsAsync<MissingPhotoException>(() => SubmitAsync(database, token, photos));
        Assert.Equal(PhotoKind.IdBack, e.Kind);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Declarations.CountAsync());
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
