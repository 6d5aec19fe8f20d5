using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Purge;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Purge;

[Collection(DatabaseCollection.Name)]
public sealed class DeclarationPurgerTests(PostgresServer postgres) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-purge-").FullName;
    // Real time, to the second: photo files get their write time from the real clock.
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private static readonly TimeSpan TenDays = TimeSpan.FromDays(10);

    /// <summary>A fixed "now"; the pauses asked of it are noted and then run on the real clock, <see cref="Late"/> longer.</summary>
    internal sealed class FakeClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public TimeSpan Late { get; init; }
        public System.Collections.Concurrent.ConcurrentQueue<TimeSpan> Pauses { get; } = new();
        public override DateTimeOffset GetUtcNow() => Now;
        /// <summary>Pauses end at once: what a pause asks for then depends on the batches alone, not on how late a loaded machine's timers fire.</summary>
        public bool FireAtOnce { get; init; }
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Pauses.Enqueue(dueTime);
            return System.CreateTimer(callback, state, FireAtOnce ? TimeSpan.Zero : dueTime + Late, period);
        }
    }

    private PhotoStore Store => new(new PortalPaths(_dataDirectory));

    private Task<TestDatabase> DatabaseAsync(string provider) => DeclarationPersistenceTests.MigratedWithOfficeAsync(provider, postgres);

    private DeclarationPurger Purger(PortalDbContext db, DateTimeOffset now, int batchSize = 500) =>
        new(db, Store, new FakeClock(now), new PurgeOptions { BatchSize = batchSize }, NullLogger<DeclarationPurger>.Instance);

    private async Task<Declaration> SeedAsync(TestDatabase database, int sequence, DateTimeOffset createdAt, bool received = false)
    {
        var photos = new List<DeclarationPhoto>();
        foreach (var kind in new[] { PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack })
            photos.Add(new DeclarationPhoto(kind, await Store.SaveAsync(new byte[] { 0xFF, 0xD8, (byte)sequence }), PhotoFormat.Jpeg, 600, 800, 3, new string('a', 64)));
        var declaration = Declaration.Submit(DeclarationPersistenceTests.SampleContent(), new RecordNumber(2026, sequence), photos,
            $"draft-{sequence}", new string('f', 64), createdAt);
        if (received) declaration.MarkReceived(createdAt.AddDays(1));
        await using var db = database.NewContext();
        db.Declarations.Add(declaration);
        db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Sms, declaration.MobilePhone, null, declaration.SmsText.ToString(),
            declaration.Id, OutboxAttachment.None, createdAt));
        await db.SaveChangesAsync();
        return declaration;
    }

    private static IReadOnlyList<string> KeysOf(Declaration declaration) => declaration.Photos.Select(p => p.StorageKey).ToList();

    private async Task<PurgeReport> PurgeAsync(TestDatabase database, DateTimeOffset now, int batchSize = 500)
    {
        await using var db = database.NewContext();
        return await Purger(db, now, batchSize).RunAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Captcha_and_otp_challenges_go_a_day_after_they_expire(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var key = new byte[32];
        await using (var db = database.NewContext())
        {
            db.CaptchaChallenges.Add(new global::Portal.Infrastructure.Captcha.CaptchaChallenge(new string('a', 64), T0 - TimeSpan.FromDays(2)));
            db.CaptchaChallenges.Add(new global::Portal.Infrastructure.Captcha.CaptchaChallenge(new string('b', 64), T0 - TimeSpan.FromHours(2)));
            db.OtpChallenges.Add(new global::Portal.Infrastructure.Accounts.OtpChallenge(Guid.NewGuid(), global::Portal.Infrastructure.Accounts.OtpPurpose.ChangePassword, "123456", key, T0 - TimeSpan.FromDays(2)));
            db.OtpChallenges.Add(new global::Portal.Infrastructure.Accounts.OtpChallenge(Guid.NewGuid(), global::Portal.Infrastructure.Accounts.OtpPurpose.ResetPassword, "654321", key, T0 - TimeSpan.FromHours(2)));
            await db.SaveChangesAsync();
        }

        var report = await PurgeAsync(database, T0);

        Assert.Empty(report.Errors);
        await using var after = database.NewContext();
        Assert.Equal(1, await after.CaptchaChallenges.CountAsync());
        Assert.Equal([global::Portal.Infrastructure.Accounts.OtpPurpose.ResetPassword], await after.OtpChallenges.Select(c => c.Purpose).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ten_days_plus_a_second_is_deleted_with_its_photos_and_ten_days_minus_a_second_is_kept(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var expired = await SeedAsync(database, 1, T0);
        var kept = await SeedAsync(database, 2, T0.AddSeconds(2));

        await using (var db0 = database.NewContext())
        {
            foreach (var (declaration, token) in new[] { (expired, '3'), (kept, '4') })
            {
                var draft = new Draft(new string(token, 64), DeclarationKind.Individual, T0);
                draft.MarkSubmitted(declaration.Id);
                db0.Drafts.Add(draft);
            }
            await db0.SaveChangesAsync();
        }

        var report = await PurgeAsync(database, T0 + TenDays + TimeSpan.FromSeconds(1));

        Assert.Equal((1, 3), (report.DeclarationsDeleted, report.FilesRemoved));
        Assert.Empty(report.Errors);
        Assert.All(KeysOf(expired), k => Assert.False(Store.Exists(k)));
        Assert.All(KeysOf(kept), k => Assert.True(Store.Exists(k)));
        await using var db = database.NewContext();
        Assert.Equal([kept.Id], await db.Declarations.Select(d => d.Id).ToListAsync());
        Assert.Equal(3, await db.Set<DeclarationPhoto>().CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.DeclarationId == expired.Id));
        // The kept one's Ghi nhận SMS stays (next to the reminder it is due now).
        Assert.Contains(kept.SmsText.ToString(), await db.OutboxMessages.Where(m => m.DeclarationId == kept.Id).Select(m => m.Body).ToListAsync());
        Assert.Equal([kept.Id], await db.Drafts.Select(d => d.DeclarationId!.Value).ToListAsync());
        var tombstone = await db.DeletionTombstones.SingleAsync();
        Assert.Equal(("GD/2026/00001", "00106", T0, T0 + TenDays + TimeSpan.FromSeconds(1), DeletionTombstone.NotHandedInWithin10Days),
            (tombstone.RecordNumber, tombstone.OfficeCode, tombstone.CreatedAt, tombstone.DeletedAt, tombstone.Reason));
        var run = await db.JobRuns.SingleAsync();
        Assert.Equal(("purge", Domain.Jobs.JobRunOutcome.Succeeded, 1, 3, 0), (run.JobName, run.Outcome, run.DeletedCount, run.FilesRemoved, run.ErrorCount));
        Assert.NotNull(run.FinishedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_tombstone_holds_no_personal_data(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await SeedAsync(database, 1, T0);

        await PurgeAsync(database, T0 + TenDays + TimeSpan.FromDays(1));

        await using var db = database.NewContext();
        var columns = db.Model.FindEntityType(typeof(DeletionTombstone))!.GetProperties().Select(p => p.Name).Order();
        Assert.Equal(["CreatedAt", "DeletedAt", "OfficeCode", "Reason", "RecordNumber"], columns);
        var tombstone = await db.DeletionTombstones.SingleAsync();
        var content = DeclarationPersistenceTests.SampleContent();
        var values = string.Join("|", tombstone.RecordNumber, tombstone.OfficeCode, tombstone.Reason);
        foreach (var personal in new[] { content.FullName, content.MaSoBhxh, content.IdentityNumber!, content.MobilePhone, content.Email!,
                     content.Address.Street, content.ContactPerson!, "Nguyễn" })
            Assert.DoesNotContain(personal, values, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_received_declaration_survives_with_its_photos(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var received = await SeedAsync(database, 1, T0, received: true);

        var report = await PurgeAsync(database, T0 + TimeSpan.FromDays(30));

        Assert.Equal(0, report.DeclarationsDeleted);
        Assert.All(KeysOf(received), k => Assert.True(Store.Exists(k)));
        await using var db = database.NewContext();
        Assert.Equal(DeclarationStatus.Received, (await db.Declarations.SingleAsync()).Status);
        Assert.Equal(0, await db.DeletionTombstones.CountAsync());
    }

    // SQLite's purge reads a batch and then deletes it; PostgreSQL's does both in one statement (next test).
    [Fact]
    public async Task On_sqlite_staff_marking_received_after_the_purge_picked_the_declaration_wins()
    {
        await using var database = await DatabaseAsync(nameof(DatabaseProvider.Sqlite));
        var raced = await SeedAsync(database, 1, T0);
        var other = await SeedAsync(database, 2, T0);
        var now = T0 + TenDays + TimeSpan.FromHours(1);

        await using var db = database.NewContext();
        var purger = Purger(db, now);
        purger.BeforeDeleteBatch = async ids =>
        {
            Assert.Contains(raced.Id, ids);
            await using var staff = database.NewContext();
            var declaration = await staff.Declarations.SingleAsync(d => d.Id == raced.Id);
            declaration.MarkReceived(now);
            await staff.SaveChangesAsync();
        };
        var report = await purger.RunAsync();

        await AssertOnlyTheReceivedOneSurvivedAsync(database, report, raced, other);
    }

    private async Task AssertOnlyTheReceivedOneSurvivedAsync(TestDatabase database, PurgeReport report, Declaration received, Declaration deleted)
    {
        Assert.Equal(1, report.DeclarationsDeleted);
        Assert.Empty(report.Errors);
        Assert.All(KeysOf(received), k => Assert.True(Store.Exists(k)));
        Assert.All(KeysOf(deleted), k => Assert.False(Store.Exists(k)));
        await using var after = database.NewContext();
        var survivor = await after.Declarations.Include(d => d.Photos).SingleAsync();
        Assert.Equal((received.Id, DeclarationStatus.Received, 3), (survivor.Id, survivor.Status, survivor.Photos.Count));
        Assert.Equal(1, await after.OutboxMessages.CountAsync(m => m.DeclarationId == received.Id));
        Assert.Equal([deleted.RecordNumber.ToString()], await after.DeletionTombstones.Select(t => t.RecordNumber).ToListAsync());
    }

    [Fact]
    public async Task On_postgres_a_declaration_staff_are_receiving_is_skipped_without_waiting_and_survives()
    {
        await using var database = await DatabaseAsync(nameof(DatabaseProvider.Postgres));
        var raced = await SeedAsync(database, 1, T0);
        var other = await SeedAsync(database, 2, T0);
        var now = T0 + TenDays + TimeSpan.FromHours(1);

        // Staff have marked it received but not yet committed: the row is locked while the purge runs.
        await using var staff = database.NewContext();
        await using var staffTransaction = await staff.Database.BeginTransactionAsync();
        var declaration = await staff.Declarations.SingleAsync(d => d.Id == raced.Id);
        declaration.MarkReceived(now);
        await staff.SaveChangesAsync();
        var report = await PurgeAsync(database, now).WaitAsync(TimeSpan.FromSeconds(30));
        await staffTransaction.CommitAsync();

        await AssertOnlyTheReceivedOneSurvivedAsync(database, report, raced, other);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_purges_at_once_delete_each_declaration_exactly_once(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var seeded = new List<Declaration>();
        for (var i = 1; i <= 30; i++) seeded.Add(await SeedAsync(database, i, T0.AddMinutes(i)));
        var now = T0 + TimeSpan.FromDays(11);

        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => PurgeAsync(database, now, batchSize: 4))));

        Assert.All(reports, r => Assert.Empty(r.Errors));
        Assert.Equal(30, reports.Sum(r => r.DeclarationsDeleted));
        Assert.Equal(90, reports.Sum(r => r.FilesRemoved));
        Assert.All(seeded.SelectMany(KeysOf), k => Assert.False(Store.Exists(k)));
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Declarations.CountAsync());
        Assert.Equal(30, await db.DeletionTombstones.CountAsync());
        Assert.Equal(2, await db.JobRuns.CountAsync(r => r.ErrorCount == 0 && r.FinishedAt != null));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Files_left_by_a_crash_after_the_rows_are_swept_next_run_and_files_with_rows_are_kept(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var crashed = await SeedAsync(database, 1, T0);
        var kept = await SeedAsync(database, 2, T0.AddDays(5));
        // The rows of an earlier purge committed, then the process died before removing the files.
        await using (var db = database.NewContext())
            await db.Declarations.Where(d => d.Id == crashed.Id).ExecuteDeleteAsync();
        Assert.All(KeysOf(crashed), k => Assert.True(Store.Exists(k)));

        var report = await PurgeAsync(database, T0 + TimeSpan.FromDays(11));

        Assert.Equal((0, 3), (report.DeclarationsDeleted, report.FilesRemoved));
        Assert.All(KeysOf(crashed), k => Assert.False(Store.Exists(k)));
        Assert.All(KeysOf(kept), k => Assert.True(Store.Exists(k)));
        // Deleted by hand, the declaration left its photo rows on PostgreSQL (no cascade there); the sweep took them.
        await using (var db = database.NewContext())
            Assert.Equal(3, await db.Set<DeclarationPhoto>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_temporary_file_left_by_a_write_killed_before_its_rename_is_swept_after_the_grace_period(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var kept = await Store.SaveAsync(new byte[] { 1 });
        var folder = Path.Combine(_dataDirectory, "photos", "ab");
        Directory.CreateDirectory(folder);
        var stale = Path.Combine(folder, "ab" + new string('1', 38) + ".tmp");
        var writing = Path.Combine(folder, "ab" + new string('2', 38) + ".tmp");
        await File.WriteAllBytesAsync(stale, [0xFF, 0xD8]);
        await File.WriteAllBytesAsync(writing, [0xFF, 0xD8]);
        var now = DateTimeOffset.UtcNow;
        File.SetLastWriteTimeUtc(stale, (now - TimeSpan.FromHours(2)).UtcDateTime);

        var report = await PurgeAsync(database, now);

        Assert.Equal(1, report.FilesRemoved);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(writing), "a write in progress (inside the grace period) keeps its temporary file");
        Assert.True(Store.Exists(kept), "a new file without a row is inside the grace period");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failure_before_the_files_go_is_recorded_and_the_same_run_sweeps_them(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var expired = await SeedAsync(database, 1, T0);
        await using var db = database.NewContext();
        var purger = Purger(db, T0 + TimeSpan.FromDays(11));
        purger.BeforeFileRemoval = _ => throw new IOException("disk went away");

        var report = await purger.RunAsync();

        Assert.Equal((1, 3), (report.DeclarationsDeleted, report.FilesRemoved));
        Assert.Equal(["delete: IOException"], report.Errors);
        Assert.All(KeysOf(expired), k => Assert.False(Store.Exists(k)));
        await using var after = database.NewContext();
        var run = await after.JobRuns.SingleAsync();
        Assert.Equal((Domain.Jobs.JobRunOutcome.CompletedWithErrors, 1, "delete: IOException"), (run.Outcome, run.ErrorCount, run.ErrorSummary));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Expired_drafts_go_with_their_photos_and_live_drafts_and_new_files_stay(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var now = T0 + TimeSpan.FromHours(30);
        var oldKey = await Store.SaveAsync(new byte[] { 1 });
        var liveKey = await Store.SaveAsync(new byte[] { 2 });
        await using (var db = database.NewContext())
        {
            var old = new Draft(new string('1', 64), DeclarationKind.Individual, T0);
            old.Save(new DraftForm { Photos = { [PhotoKind.Portrait] = new StoredPhoto(oldKey, PhotoFormat.Jpeg, 600, 800, 1, new string('a', 64)) } }.ToJson(), T0);
            var live = new Draft(new string('2', 64), DeclarationKind.Individual, now.AddHours(-2));
            live.Save(new DraftForm { Photos = { [PhotoKind.Portrait] = new StoredPhoto(liveKey, PhotoFormat.Jpeg, 600, 800, 1, new string('a', 64)) } }.ToJson(), now.AddHours(-2));
            db.Drafts.AddRange(old, live);
            await db.SaveChangesAsync();
        }

        var report = await PurgeAsync(database, now);

        Assert.Equal((1, 1), (report.DraftsDeleted, report.FilesRemoved));
        Assert.False(Store.Exists(oldKey));
        Assert.True(Store.Exists(liveKey));
        await using var after = database.NewContext();
        Assert.Equal([new string('2', 64)], await after.Drafts.Select(d => d.TokenHash).ToListAsync());

        // A file no row refers to yet (an upload in progress) is inside the grace period at real time.
        var fresh = await Store.SaveAsync(new byte[] { 3 });
        await PurgeAsync(database, DateTimeOffset.UtcNow);
        Assert.True(Store.Exists(fresh));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_reminder_goes_out_once_three_days_before_deletion(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var declaration = await SeedAsync(database, 1, T0);
        var tooEarly = await PurgeAsync(database, T0 + TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, tooEarly.WarningsSent);

        var first = await PurgeAsync(database, T0 + TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var second = await PurgeAsync(database, T0 + TimeSpan.FromDays(8));

        Assert.Equal((1, 0), (first.WarningsSent, second.WarningsSent));
        await using var db = database.NewContext();
        var stored = await db.Declarations.SingleAsync();
        Assert.Equal(T0 + TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1), stored.WarningSentAt);
        var messages = await db.OutboxMessages.Where(m => m.DeclarationId == declaration.Id).ToListAsync();
        var deadline = Domain.VietnamTime.Today(T0 + TenDays).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var sms = Assert.Single(messages, m => m.Channel == OutboxChannel.Sms && m.Body.Contains("chua duoc nop"));
        Assert.Equal("0912345678", sms.Recipient);
        Assert.Contains("BHXH Quan Dong Da", sms.Body);
        Assert.Contains(deadline, sms.Body);
        Assert.True(sms.Body.All(char.IsAscii), sms.Body);
        var email = Assert.Single(messages, m => m.Channel == OutboxChannel.Email);
        Assert.Equal("nhung@example.vn", email.Recipient);
        Assert.Contains("BHXH Quận Đống Đa", email.Body);
        Assert.Contains(deadline, email.Body);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_purges_at_once_send_each_reminder_once(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        for (var i = 1; i <= 12; i++) await SeedAsync(database, i, T0);
        var now = T0 + TimeSpan.FromDays(8);

        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => PurgeAsync(database, now, batchSize: 3))));

        Assert.All(reports, r => Assert.Empty(r.Errors));
        Assert.Equal(12, reports.Sum(r => r.WarningsSent));
        await using var db = database.NewContext();
        Assert.Equal(12, await db.OutboxMessages.CountAsync(m => m.Channel == OutboxChannel.Email));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_killed_run_is_recorded_as_interrupted_by_the_next_and_a_live_one_is_left_alone(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var now = T0 + TimeSpan.FromDays(1);
        var killed = Domain.Jobs.JobRun.Start(PurgeOptions.JobName, now - TimeSpan.FromHours(2));
        killed.RecordProgress(now - TimeSpan.FromMinutes(95), 1200, 0, 3600, 0);
        var live = Domain.Jobs.JobRun.Start(PurgeOptions.JobName, now - TimeSpan.FromMinutes(40));
        live.RecordProgress(now - TimeSpan.FromMinutes(1), 800, 0, 2400, 0);
        await using (var db = database.NewContext())
        {
            db.JobRuns.AddRange(killed, live);
            await db.SaveChangesAsync();
        }

        await PurgeAsync(database, now);

        await using var after = database.NewContext();
        var runs = await after.JobRuns.ToDictionaryAsync(r => r.Id);
        Assert.Equal((Domain.Jobs.JobRunOutcome.Interrupted, now - TimeSpan.FromMinutes(95), 1200),
            (runs[killed.Id].Outcome, runs[killed.Id].FinishedAt, runs[killed.Id].DeletedCount));
        Assert.Equal(Domain.Jobs.JobRunOutcome.Running, runs[live.Id].Outcome);
        Assert.Single(runs.Values, r => r.Outcome == Domain.Jobs.JobRunOutcome.Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_long_run_records_its_progress_and_a_cancelled_run_is_recorded_as_interrupted(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        for (var i = 1; i <= 4; i++) await SeedAsync(database, i, T0);
        var now = T0 + TimeSpan.FromDays(11);
        using var shutdown = new CancellationTokenSource();
        Domain.Jobs.JobRun? seenDuringSecondBatch = null;
        var batches = 0;

        await using var db = database.NewContext();
        var purger = new DeclarationPurger(db, Store, new FakeClock(now),
            new PurgeOptions { BatchSize = 1, ProgressInterval = TimeSpan.Zero }, NullLogger<DeclarationPurger>.Instance);
        purger.BeforeFileRemoval = async _ =>
        {
            if (++batches != 2) return;
            // The first batch's progress is written before the second batch is deleted.
            await using var observer = database.NewContext();
            seenDuringSecondBatch = await observer.JobRuns.AsNoTracking().SingleAsync();
            await shutdown.CancelAsync();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => purger.RunAsync(shutdown.Token));

        Assert.NotNull(seenDuringSecondBatch);
        Assert.Equal((Domain.Jobs.JobRunOutcome.Running, now), (seenDuringSecondBatch.Outcome, seenDuringSecondBatch.LastProgressAt));
        Assert.True(seenDuringSecondBatch.DeletedCount >= 1);
        await using var after = database.NewContext();
        var run = await after.JobRuns.SingleAsync();
        Assert.Equal((Domain.Jobs.JobRunOutcome.Interrupted, now), (run.Outcome, run.FinishedAt));
        Assert.InRange(run.DeletedCount, 2, 3);
        Assert.Equal(run.DeletedCount, await after.DeletionTombstones.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Time_a_pause_overran_is_taken_off_the_next_pauses(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        for (var i = 1; i <= 6; i++) await SeedAsync(database, i, T0);
        // The first pause ends 3 s late: far more than the next two batches' share (10 × a few milliseconds each).
        var clock = new FakeClock(T0 + TimeSpan.FromDays(11)) { Late = TimeSpan.FromSeconds(3) };
        await using var db = database.NewContext();

        var report = await new DeclarationPurger(db, Store, clock, new PurgeOptions { BatchSize = 2, PauseRatio = 10 },
            NullLogger<DeclarationPurger>.Instance).RunAsync();

        Assert.Equal(6, report.DeclarationsDeleted);
        Assert.Single(clock.Pauses);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task After_each_batch_the_purge_pauses_for_its_share_of_the_batch_time_and_not_at_all_when_told_so(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        var now = T0 + TimeSpan.FromDays(11);

        async Task<IReadOnlyCollection<TimeSpan>> PausesAsync(double ratio)
        {
            for (var i = 1; i <= 6; i++) await SeedAsync(database, (int)(ratio * 100) + i, T0);
            var clock = new FakeClock(now) { FireAtOnce = true };
            await using var db = database.NewContext();
            var report = await new DeclarationPurger(db, Store, clock, new PurgeOptions { BatchSize = 2, PauseRatio = ratio },
                NullLogger<DeclarationPurger>.Instance).RunAsync();
            Assert.Empty(report.Errors);
            return clock.Pauses;
        }

        // Ten times the batch time, so that even a batch of a millisecond asks for a pause Task.Delay does not round away.
        var pauses = await PausesAsync(10);
        var withoutPauses = await PausesAsync(0);

        Assert.Equal(3, pauses.Count);
        Assert.All(pauses, p => Assert.InRange(p, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
        Assert.Empty(withoutPauses);
        await using var after = database.NewContext();
        Assert.Equal(0, await after.Declarations.CountAsync());
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
