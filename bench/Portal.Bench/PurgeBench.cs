using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Declarations;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Purge;

namespace Portal.Bench;

/// <summary>
/// Seeds N expired declarations (3 photo rows and 1 SMS each) on PostgreSQL with set-based SQL,
/// writes small photo files for the first F of them, runs the purge once and prints the seconds.
/// </summary>
internal static class PurgeBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? connectionString = null;
        var defaults = new PurgeOptions();
        int count = 1_000_000, withFiles = 10_000, batch = defaults.BatchSize, rate = 20, baselineSeconds = 60, fileThreads = defaults.FileRemovalParallelism;
        var pauseRatio = defaults.PauseRatio;
        string? photoDirectory = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cs": connectionString = args[++i]; break;
                case "--count": count = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--files": withFiles = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--rate": rate = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--data-dir": photoDirectory = args[++i]; break;
                case "--pause-ratio": pauseRatio = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--file-threads": fileThreads = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--baseline-seconds": baselineSeconds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (connectionString is null) { Console.Error.WriteLine("usage: Portal.Bench purge --cs CONNECTION [--count N] [--files F] [--batch B] [--rate R] [--data-dir D] [--file-threads T] [--pause-ratio P] [--baseline-seconds S]"); return 2; }
        withFiles = Math.Min(withFiles, count);

        var database = new DatabaseOptions(DatabaseProvider.Postgres, connectionString, false);
        PortalDbContext NewContext()
        {
            var builder = new DbContextOptionsBuilder<PortalDbContext>();
            DependencyInjection.ConfigureDbContext(builder, database);
            return new PortalDbContext(builder.Options);
        }
        var dataDirectory = photoDirectory is null
            ? Directory.CreateTempSubdirectory("portal-bench-purge-").FullName
            : Directory.CreateDirectory(Path.Combine(photoDirectory, $"portal-bench-purge-{Guid.NewGuid():N}")).FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            await using (var db = NewContext())
            {
                await db.Database.MigrateAsync();
                db.BhxhOffices.Add(BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed));
                await db.SaveChangesAsync();
                db.BhxhOffices.Add(BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed));
                await db.SaveChangesAsync();
            }

            var seed = Stopwatch.StartNew();
            // Instants are stored as (ticks / 1000) << 11 | offset minutes; "+ i * 2048" staggers rows by i × 0.1 ms,
            // so record numbers rise with the time of Ghi nhận, as they do when Ghi nhận allocates them.
            var toTicks = new DateTimeOffsetToBinaryConverter();
            var createdAt = (long)toTicks.ConvertToProvider(now - TimeSpan.FromDays(11))!;
            var expiresAt = (long)toTicks.ConvertToProvider(now - TimeSpan.FromDays(1))!;
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                async Task Exec(string sql)
                {
                    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
                    command.Parameters.AddWithValue("n", count);
                    command.Parameters.AddWithValue("created", createdAt);
                    command.Parameters.AddWithValue("expires", expiresAt);
                    await command.ExecuteNonQueryAsync();
                }
                await Exec("""
                    INSERT INTO "Declarations" ("Id","RecordNumber","RecordYear","RecordSequence","Kind","Status","CreatedAt","ExpiresAt",
                      "FullName","MaSoBhxh","IdentityNumber","AddressSchemeCode","ProvinceCode","DistrictCode","WardCode","Street","AddressText",
                      "Email","MobilePhone","Channel","OfficeCode","SubmissionMethod","SendEmail","IdempotencyKey","SubmitterTokenHash")
                    SELECT gen_random_uuid(), 'GD/2025/' || lpad(i::text, 7, '0'), 2025, i, 'Individual', 'Submitted', @created + i * 2048::bigint, @expires + i * 2048::bigint,
                      'Nguyễn Thị Hồng Nhung', '0123456789', '001190012345', 'gso', '01', '009', '00343', 'Số 12 ngõ 34 phố Nguyễn Trãi',
                      'Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội',
                      'nhung@example.vn', '0912345678', 'BhxhPortal', '00106', 'AtOffice', true, 'bench-' || i, repeat('f', 64)
                    FROM generate_series(1, @n) AS i
                    """);
                await Exec("""
                    INSERT INTO "DeclarationPhotos" ("DeclarationId","Kind","StorageKey","Format","Width","Height","SizeBytes","Sha256")
                    SELECT d."Id", k.kind, substr(md5(d."Id"::text || k.kind) || md5(k.kind || d."Id"::text), 1, 40), 'Jpeg', 600, 800, 3, repeat('a', 64)
                    FROM "Declarations" d CROSS JOIN (VALUES ('Portrait'), ('IdFront'), ('IdBack')) AS k(kind)
                    """);
                await Exec("""
                    INSERT INTO "OutboxMessages" ("Id","Channel","Recipient","Body","DeclarationId","Attachment","Status","Attempts","CreatedAt")
                    SELECT gen_random_uuid(), 'Sms', d."MobilePhone", 'BHXHVN da nhan duoc to khai cua ma so 0123456789', d."Id", 'None', 'Pending', 0, d."CreatedAt"
                    FROM "Declarations" d
                    """);
                foreach (var table in new[] { "Declarations", "DeclarationPhotos", "OutboxMessages" })
                    await Exec($"VACUUM ANALYZE \"{table}\"");
                // Writes the seeded pages out now, so the seeding's checkpoint does not run during the measurements.
                try
                {
                    await Exec("CHECKPOINT");
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    Console.WriteLine("note: no CHECKPOINT after seeding (needs superuser or pg_checkpoint); figures may include its write-back");
                }
            }
            // Small files for the first F declarations, in the store's layout (photos/<2 hex>/<key>).
            var photosRoot = Path.Combine(dataDirectory, "photos");
            await using (var db = NewContext())
            {
                var keys = await db.Database.SqlQueryRaw<string>("""
                    SELECT p."StorageKey" AS "Value" FROM "DeclarationPhotos" p JOIN "Declarations" d ON d."Id" = p."DeclarationId"
                    WHERE d."RecordSequence" <= {0}
                    """, withFiles).ToListAsync();
                for (var prefix = 0; prefix < 256; prefix++) Directory.CreateDirectory(Path.Combine(photosRoot, prefix.ToString("x2")));
                await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                    async (key, cancellationToken) => await File.WriteAllBytesAsync(Path.Combine(photosRoot, key[..2], key), [0xFF, 0xD8, 0xFF], cancellationToken));
                Console.WriteLine($"seeded {count:N0} expired declarations ({3 * count:N0} photo rows, {count:N0} SMS), {keys.Count:N0} photo files, in {seed.Elapsed.TotalSeconds:F1} s");
            }

            // Submissions without the purge, then the same load while the purge runs.
            List<double> baseline = [], during = [];
            if (rate > 0)
            {
                // Warm-up, not measured: JIT and the connection pool.
                using (var stopWarmUp = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                    await SubmissionLoadAsync(NewContext, rate, stopWarmUp.Token);
                using var stopBaseline = new CancellationTokenSource(TimeSpan.FromSeconds(baselineSeconds));
                baseline = await SubmissionLoadAsync(NewContext, rate, stopBaseline.Token);
            }
            using var stopLoad = new CancellationTokenSource();
            var load = rate > 0 ? SubmissionLoadAsync(NewContext, rate, stopLoad.Token) : Task.FromResult(new List<double>());
            var purge = Stopwatch.StartNew();
            PurgeReport report;
            await using (var db = NewContext())
            {
                var purger = new DeclarationPurger(db, new PhotoStore(new PortalPaths(dataDirectory)), TimeProvider.System,
                    new PurgeOptions { BatchSize = batch, FileRemovalParallelism = fileThreads, PauseRatio = pauseRatio }, NullLogger<DeclarationPurger>.Instance);
                report = await purger.RunAsync();
            }
            purge.Stop();
            await stopLoad.CancelAsync();
            during = await load;
            if (rate > 0)
            {
                double P(List<double> ms, double p) => ms.Count == 0 ? double.NaN : ms.Order().ElementAt(Math.Min(ms.Count - 1, (int)Math.Ceiling(ms.Count * p) - 1));
                double P99(List<double> ms) => P(ms, 0.99);
                string Spread(List<double> ms) => $"p50 {P(ms, 0.5):F1}, p90 {P(ms, 0.9):F1}, p99 {P(ms, 0.99):F1}, max {P(ms, 1):F1} ms";
                Console.WriteLine($"submissions without the purge: {Spread(baseline)}; during it: {Spread(during)}");
                Console.WriteLine($"submission p99 ({rate}/s, database part of Ghi nhận): {P99(baseline):F1} ms without the purge ({baseline.Count:N0} submissions), " +
                    $"{P99(during):F1} ms during it ({during.Count:N0} submissions); ratio {P99(during) / P99(baseline):F2}");
            }
            await using (var db = NewContext())
            {
                var left = await db.Declarations.CountAsync(d => d.RecordYear == 2025); // the seeded ones, not the load's
                var tombstones = await db.DeletionTombstones.CountAsync();
                Console.WriteLine($"purged {report.DeclarationsDeleted:N0} declarations and {report.FilesRemoved:N0} files in {purge.Elapsed.TotalSeconds:F1} s " +
                    $"(batch {batch}; {fileThreads} file threads; pause ratio {pauseRatio}; {report.DeclarationsDeleted / purge.Elapsed.TotalSeconds:N0} declarations/s; {left} left, {tombstones:N0} tombstones, {report.Errors.Count} errors)");
                foreach (var error in report.Errors) Console.WriteLine($"error: {error}");
                Console.WriteLine($"seconds={purge.Elapsed.TotalSeconds:F1}");
            }
            return report.Errors.Count == 0 && report.DeclarationsDeleted == count ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// What Ghi nhận does in the database (record number, declaration with 3 photo rows, SMS, one
    /// transaction), started <paramref name="rate"/> times a second until stopped, whatever the previous
    /// ones are doing (an open load: a slow database does not slow the arrivals down, so queueing shows in
    /// the latency); returns each submission's milliseconds from its scheduled start.
    /// </summary>
    private static async Task<List<double>> SubmissionLoadAsync(Func<PortalDbContext> newContext, int rate, CancellationToken stop)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var content = new DeclarationContent
        {
            Kind = DeclarationKind.Individual,
            FullName = "Nguyễn Thị Hồng Nhung",
            MaSoBhxh = "0123456789",
            IdentityNumber = "001190012345",
            Address = new PostalAddress("gso", "01", "009", "00343", "Số 12", "Số 12, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội"),
            MobilePhone = "0912345678",
            OfficeCode = "00106",
        };
        async Task SubmitAsync(long scheduledAt)
        {
            await using var db = newContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var number = await RecordNumberAllocator.NextAsync(db, 2026);
            var photos = new[] { PhotoKind.Portrait, PhotoKind.IdFront, PhotoKind.IdBack }.Select(kind => new DeclarationPhoto(kind,
                Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant(), PhotoFormat.Jpeg, 600, 800, 3, new string('a', 64)));
            var declaration = Declaration.Submit(content, number, photos, Guid.NewGuid().ToString("N"), new string('f', 64), DateTimeOffset.UtcNow);
            db.Declarations.Add(declaration);
            db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Sms, declaration.MobilePhone, null, declaration.SmsText.ToString(),
                declaration.Id, OutboxAttachment.None, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            latencies.Add(Stopwatch.GetElapsedTime(scheduledAt).TotalMilliseconds);
        }

        var running = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            var scheduledAt = start + n * Stopwatch.Frequency / rate;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduledAt);
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, stop); }
                catch (OperationCanceledException) { break; }
            }
            running.Add(Task.Run(() => SubmitAsync(scheduledAt)));
        }
        await Task.WhenAll(running);
        return [.. latencies];
    }
}
