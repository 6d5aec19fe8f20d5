using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Bench;

/// <summary>
/// Emails per second the outbox dispatcher delivers to an SMTP server: COUNT queued Ghi nhận emails, each
/// with its Mẫu 01 PDF rendered at send time from the declaration and its portrait, after a warm-up of
/// WARMUP emails, on the embedded SQLite database.
/// </summary>
public static class DispatchBench
{
    public const string Usage = "usage: Portal.Bench dispatch --smtp-port PORT [--count N] [--warmup N] [--photo FILE.jpg] [--parallelism N] [--batch N]";

    public static async Task<int> RunAsync(string[] args)
    {
        int? smtpPort = null;
        int count = 1000, warmup = 100, parallelism = 4, batch = 20;
        string? photoPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smtp-port" when i + 1 < args.Length: smtpPort = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup" when i + 1 < args.Length: warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--photo" when i + 1 < args.Length: photoPath = args[++i]; break;
                case "--parallelism" when i + 1 < args.Length: parallelism = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch" when i + 1 < args.Length: batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (smtpPort is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        photoPath ??= Path.Combine(PdfRenderBench.FindRepoRoot(), "tests/Portal.Infrastructure.Tests/Fixtures/portrait-300x400.jpg");
        var photo = await File.ReadAllBytesAsync(photoPath);

        var dataDirectory = Directory.CreateTempSubdirectory("portal-dispatch-bench-").FullName;
        try
        {
            using var host = await BenchPortal.StartAsync(dataDirectory, new Dictionary<string, string?>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = smtpPort.Value.ToString(CultureInfo.InvariantCulture),
                ["Smtp:Security"] = "None",
                ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost",
                ["Outbox:Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
                ["Outbox:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture),
            });
            var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

            Console.Error.WriteLine($"dispatch: seeding {warmup} + {count} declarations with their emails");
            await BenchPortal.SeedDeclarationsAsync(host.Services, warmup, photo, sequenceFrom: 1, queueEmail: true);
            var warm = await dispatcher.DispatchAsync();
            await BenchPortal.SeedDeclarationsAsync(host.Services, count, photo, sequenceFrom: warmup + 1, queueEmail: true);

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var report = await dispatcher.DispatchAsync();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            var pdfBytes = await SamplePdfSizeAsync(host.Services);
            Console.WriteLine(FormattableString.Invariant($"dispatcher          : {report.Sent / seconds:F1} emails/s ({report.Sent} sent in {seconds:F2} s, {report.Retrying} failed, {report.DeadLettered} dead-lettered)"));
            Console.WriteLine(FormattableString.Invariant($"per email           : {seconds * 1000 / Math.Max(1, report.Sent):F2} ms wall, {cpu.TotalMilliseconds / Math.Max(1, report.Sent):F2} ms CPU of the portal process (PDF render, MIME, SMTP client, database)"));
            Console.WriteLine(FormattableString.Invariant($"settings            : PDF {pdfBytes / 1024.0:F0} KB each (portrait {photo.Length / 1024.0:F0} KB), parallelism {parallelism}, batch {batch}, warm-up {warm.Sent} emails, SQLite, {Environment.ProcessorCount} cores"));
            return report.Sent == count && report.Retrying == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> SamplePdfSizeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var message = db.OutboxMessages.OrderBy(m => m.Id).First();
        var email = await services.GetRequiredService<OutboxEmailComposer>().ComposeAsync(message, CancellationToken.None);
        return email.Attachments.Single().Content.Length;
    }
}
