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
/// Seeds N expired declarations (3 photo rows and 1 SMS each) once, in a template database on PostgreSQL,
/// with set-based SQL; then, T times, copies it, writes small photo files for the first F of them and runs
/// the purge under a submission load. Prints each trial's seconds and p99s, and the p99s of all trials pooled.
/// </summary>
internal static class PurgeBench
{
    private const string SeedDatabase = "portal_bench_seed", TrialDatabase = "portal_bench_trial";

    public static async Task<int> RunAsync(string[] args)
    {
        string? connectionString = null;
        var defaults = new PurgeOptions();
        int count = 1_000_000, withFiles = 10_000, batch = defaults.BatchSize, rate = 20, baselineSeconds = 60, fileThreads = defaults.FileRemovalParallelism, trials = 3;
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
                case "--trials": trials = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (connectionString is null || trials < 1)
        {
            Console.Error.WriteLine("usage: Portal.Bench purge --cs CONNECTION [--count N] [--files F] [--batch B] [--rate R] [--data-dir D] [--file-threads T] [--pause-ratio P] [--baseline-seconds S] [--trials T]");
            return 2;
        }
        withFiles = Math.Min(withFiles, count);
        var options = new PurgeOptions { BatchSize = batch, FileRemovalParallelism = fileThreads, PauseRatio = pauseRatio };

        var now = DateTimeOffset.UtcNow;
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {TrialDatabase} WITH (FORCE)");
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {SeedDatabase} WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE {SeedDatabase}");
        }
        var seedConnection = WithDatabase(connectionString, SeedDatabase);
        var trialConnection = WithDatabase(connectionString, TrialDatabase);
        try
        {
            var seed = Stopwatch.StartNew();
            var keysWithFiles = await SeedAsync(seedConnection, count, withFiles, now);
            Console.WriteLine($"seeded {count:N0} expired declarations ({3 * count:N0} photo rows, {count:N0} SMS) once, in {seed.Elapsed.TotalSeconds:F1} s; " +
                $"each of {trials} trial(s) runs on a copy of them, with {keysWithFiles.Count:N0} photo files");

            var results = new List<TrialResult>();
            for (var trial = 1; trial <= trials; trial++)
            {
                var result = await RunTrialAsync(connectionString, trialConnection, keysWithFiles, photoDirectory, options, rate, baselineSeconds);
                results.Add(result);
                Console.WriteLine($"trial {trial}: {result.Describe(rate)}");
                foreach (var error in result.Report.Errors) Console.WriteLine($"error: {error}");
                if (!result.Succeeded(count)) return 1;
            }

            var seconds = results.Select(r => r.Seconds).Order().ToList();
            Console.WriteLine($"purge of {count:N0} declarations (batch {batch}; {fileThreads} file threads; pause ratio {pauseRatio}): " +
                $"{string.Join(", ", results.Select(r => $"{r.Seconds:F1}"))} s; slowest {seconds[^1]:F1} s");
            if (rate > 0)
            {
                var baseline = results.SelectMany(r => r.Baseline).ToList();
                var during = results.SelectMany(r => r.During).ToList();
                var ratios = results.Select(r => r.Ratio).Order().ToList();
                Console.WriteLine($"submission p99 ({rate}/s, database part of Ghi nhận), all trials pooled: {Percentile(baseline, 0.99):F1} ms without the purge " +
                    $"({baseline.Count:N0} submissions), {Percentile(during, 0.99):F1} ms during it ({during.Count:N0} submissions); " +
                    $"ratio {Percentile(during, 0.99) / Percentile(baseline, 0.99):F2} (per trial {string.Join(", ", results.Select(r => $"{r.Ratio:F2}"))}; median {(ratios[(ratios.Count - 1) / 2] + ratios[ratios.Count / 2]) / 2:F2})");
            }
            Console.WriteLine($"seconds={seconds[^1]:F1}");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(connectionString);
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {TrialDatabase} WITH (FORCE)");
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {SeedDatabase} WITH (FORCE)");
        }
    }

    private sealed record TrialResult(double Seconds, PurgeReport Report, int Left, int Tombstones, List<double> Baseline, List<double> During, WalCounters Wal, long Autovacuums)
    {
        public double Ratio => Percentile(During, 0.99) / Percentile(Baseline, 0.99);

        public bool Succeeded(int count) => Report.Errors.Count == 0 && Report.DeclarationsDeleted == count && Left == 0 && Tombstones == count;

        public string Describe(int rate)
        {
            var purged = $"purged {Report.DeclarationsDeleted:N0} declarations and {Report.FilesRemoved:N0} files in {Seconds:F1} s " +
                $"({Report.DeclarationsDeleted / Seconds:N0}/s; {Left} left, {Tombstones:N0} tombstones, {Report.Errors.Count} errors; " +
                $"WAL meanwhile {Wal.Bytes / 1_048_576.0:N0} MB, {Wal.FullPageImages:N0} full-page images by the trial's end; {Autovacuums} autovacuum or autoanalyze runs ended)";
            if (rate == 0) return purged;
            string Spread(List<double> ms) => $"p50 {Percentile(ms, 0.5):F1}, p90 {Percentile(ms, 0.9):F1}, p99 {Percentile(ms, 0.99):F1}, max {Percentile(ms, 1):F1} ms";
            return $"{purged}\n  submissions without the purge ({Baseline.Count:N0}): {Spread(Baseline)}\n  during it ({During.Count:N0}): {Spread(During)}; p99 ratio {Ratio:F2}";
        }
    }

    /// <summary>
    /// WAL written while the purge ran (from the insert position, exact) and the full-page images in it
    /// (from pg_stat_wal, which a backend updates when it goes idle, up to 10 s later: read after a wait).
    /// </summary>
    private sealed record WalCounters(long FullPageImages, long Bytes)
    {
        public static async Task<(long FullPageImages, long Position)> ReadAsync(NpgsqlConnection connection)
        {
            await using var command = new NpgsqlCommand("SELECT wal_fpi, pg_current_wal_insert_lsn() - '0/0'::pg_lsn FROM pg_stat_wal", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), (long)reader.GetDecimal(1));
        }
    }

    private static double Percentile(List<double> ms, double p) =>
        ms.Count == 0 ? double.NaN : ms.Order().ElementAt(Math.Min(ms.Count - 1, (int)Math.Ceiling(ms.Count * p) - 1));

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static Func<PortalDbContext> ContextFactory(string connectionString)
    {
        var database = new DatabaseOptions(DatabaseProvider.Postgres, connectionString, false);
        return () =>
        {
            var builder = new DbContextOptionsBuilder<PortalDbContext>();
            DependencyInjection.ConfigureDbContext(builder, database);
            return new PortalDbContext(builder.Options);
        };
    }

    /// <summary>Migrates and seeds the template database with set-based SQL; returns the photo keys of the first F declarations.</summary>
    private static async Task<List<string>> SeedAsync(string connectionString, int count, int withFiles, DateTimeOffset now)
    {
        var newContext = ContextFactory(connectionString);
        await using (var db = newContext())
        {
            await db.Database.MigrateAsync();
            db.BhxhOffices.Add(BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed));
            await db.SaveChangesAsync();
            db.BhxhOffices.Add(BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed));
            await db.SaveChangesAsync();
        }

        // Instants are stored as (ticks / 1000) << 11 | offset minutes; "+ i * 2048" staggers rows by i × 0.1 ms,
        // so record numbers rise with the time of Ghi nhận, as they do when Ghi nhận allocates them. The keys are
        // version 7 UUIDs of that time (milliseconds, version, random, variant, random), as the app makes them.
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
                command.Parameters.AddWithValue("createdms", (now - TimeSpan.FromDays(11)).ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync();
            }
                await Exec("""
                    INSERT INTO "Declarations" ("Id","RecordNumber","RecordYear","RecordSequence","Kind","Purpose","Status","CreatedAt","ExpiresAt",
                      "FullName","MaSoBhxh","IdentityNumber","AddressSchemeCode","ProvinceCode","DistrictCode","WardCode","Street","AddressText",
                      "Email","MobilePhone","Channel","OfficeCode","SubmissionMethod","SendEmail","IdempotencyKey","SubmitterTokenHash")
                    SELECT (lpad(to_hex(@createdms + i / 10), 12, '0') || '7' || substr(md5(i::text), 1, 3) || '8' || substr(md5(i::text), 4, 15))::uuid, 'GD/2025/' || lpad(i::text, 7, '0'), 2025, i, 'Individual', 'Register', 'Submitted', @created + i * 2048::bigint, @expires + i * 2048::bigint,
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
                    INSERT INTO "OutboxMessages" ("Id","Channel","Recipient","Body","DeclarationId","Attachment","Status","Attempts","CreatedAt","NextAttemptAt")
                    SELECT (lpad(to_hex(@createdms + d."RecordSequence" / 10), 12, '0') || '7' || substr(md5('sms' || d."RecordSequence"), 1, 3) || '8' || substr(md5('sms' || d."RecordSequence"), 4, 15))::uuid, 'Sms', d."MobilePhone", 'BHXHVN da nhan duoc to khai cua ma so 0123456789', d."Id", 'None', 'Pending', 0, d."CreatedAt", d."CreatedAt"
                    FROM "Declarations" d
                    """);
                foreach (var table in new[] { "Declarations", "DeclarationPhotos", "OutboxMessages" })
                    await Exec($"VACUUM ANALYZE \"{table}\"");
        }
        await using (var db = newContext())
        {
            return await db.Database.SqlQueryRaw<string>("""
                SELECT p."StorageKey" AS "Value" FROM "DeclarationPhotos" p JOIN "Declarations" d ON d."Id" = p."DeclarationId"
                WHERE d."RecordSequence" <= {0}
                """, withFiles).ToListAsync();
        }
    }

    /// <summary>
    /// One trial on a fresh copy of the seeded database (a file copy, so every trial starts from the same
    /// pages): the photo files, submissions without the purge, then the same load during one purge.
    /// </summary>
    private static async Task<TrialResult> RunTrialAsync(string adminConnection, string trialConnection, List<string> keysWithFiles,
        string? photoDirectory, PurgeOptions options, int rate, int baselineSeconds)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(adminConnection))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {TrialDatabase} WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE {TrialDatabase} TEMPLATE {SeedDatabase} STRATEGY FILE_COPY");
            // Writes out what the copy left dirty now, so its write-back does not land in the measurements.
            try
            {
                await ExecuteAsync(admin, "CHECKPOINT");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                Console.WriteLine("note: no CHECKPOINT before the trial (needs superuser or pg_checkpoint); figures may include its write-back");
            }
        }
        var dataDirectory = photoDirectory is null
            ? Directory.CreateTempSubdirectory("portal-bench-purge-").FullName
            : Directory.CreateDirectory(Path.Combine(photoDirectory, $"portal-bench-purge-{Guid.NewGuid():N}")).FullName;
        try
        {
            // Small files in the store's layout (photos/<2 hex>/<key>).
            var photosRoot = Path.Combine(dataDirectory, "photos");
            for (var prefix = 0; prefix < 256; prefix++) Directory.CreateDirectory(Path.Combine(photosRoot, prefix.ToString("x2")));
            await Parallel.ForEachAsync(keysWithFiles, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (key, cancellationToken) => await File.WriteAllBytesAsync(Path.Combine(photosRoot, key[..2], key), [0xFF, 0xD8, 0xFF], cancellationToken));

            var newContext = ContextFactory(trialConnection);
            List<double> baseline = [];
            if (rate > 0)
            {
                // Warm-up, not measured: JIT and the connection pool.
                using (var stopWarmUp = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                    await SubmissionLoadAsync(newContext, rate, stopWarmUp.Token);
                using var stopBaseline = new CancellationTokenSource(TimeSpan.FromSeconds(baselineSeconds));
                baseline = await SubmissionLoadAsync(newContext, rate, stopBaseline.Token);
            }

            await using var statistics = new NpgsqlConnection(trialConnection);
            await statistics.OpenAsync();
            var walBefore = await WalCounters.ReadAsync(statistics);
            var autovacuumsBefore = await AutovacuumsAsync(statistics);
            using var stopLoad = new CancellationTokenSource();
            var load = rate > 0 ? SubmissionLoadAsync(newContext, rate, stopLoad.Token) : Task.FromResult(new List<double>());
            var purge = Stopwatch.StartNew();
            PurgeReport report;
            await using (var db = newContext())
            {
                var purger = new DeclarationPurger(db, new PhotoStore(new PortalPaths(dataDirectory)), TimeProvider.System, options, NullLogger<DeclarationPurger>.Instance);
                report = await purger.RunAsync();
            }
            purge.Stop();
            var walAfter = await WalCounters.ReadAsync(statistics);
            await stopLoad.CancelAsync();
            var during = await load;
            await Task.Delay(TimeSpan.FromSeconds(11));
            var (fullPageImages, _) = await WalCounters.ReadAsync(statistics);
            var wal = new WalCounters(fullPageImages - walBefore.FullPageImages, walAfter.Position - walBefore.Position);
            var autovacuums = await AutovacuumsAsync(statistics) - autovacuumsBefore;

            await using var afterwards = newContext();
            var left = await afterwards.Declarations.CountAsync(d => d.RecordYear == 2025); // the seeded ones, not the load's
            var tombstones = await afterwards.DeletionTombstones.CountAsync();
            return new TrialResult(purge.Elapsed.TotalSeconds, report, left, tombstones, baseline, during, wal, autovacuums);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Autovacuum runs started so far on the purged tables (the statistics collector's counts, which lag by up to a second).</summary>
    private static async Task<long> AutovacuumsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_user_tables
            WHERE relname IN ('Declarations', 'DeclarationPhotos', 'OutboxMessages', 'DeletionTombstones')
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
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
        var content = BenchPortal.SampleContent;
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
