using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Domain.Declarations;
using Portal.Infrastructure;
using Portal.Infrastructure.Files;
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
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:DataDirectory"] = dataDirectory,
                ["ConnectionStrings:Portal"] = "",
                ["Jobs:RunServer"] = "false",
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = smtpPort.Value.ToString(CultureInfo.InvariantCulture),
                ["Smtp:Security"] = "None",
                ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost",
                ["Outbox:Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
                ["Outbox:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture),
            });
            builder.Services.AddInfrastructure(builder.Configuration, dataDirectory);
            using var host = builder.Build();
            await using (var scope = host.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

            Console.Error.WriteLine($"dispatch: seeding {warmup} + {count} declarations with their emails");
            await SeedAsync(host.Services, warmup, photo, sequenceFrom: 1);
            var warm = await dispatcher.DispatchAsync();
            await SeedAsync(host.Services, count, photo, sequenceFrom: warmup + 1);

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

    private static async Task SeedAsync(IServiceProvider services, int count, byte[] photo, int sequenceFrom)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<PhotoStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var sequence = sequenceFrom + i;
            var content = new DeclarationContent
            {
                Kind = DeclarationKind.Individual,
                FullName = "Nguyễn Thị Hồng Nhung",
                MaSoBhxh = "0123456789",
                IdentityNumber = "001190012345",
                Address = new PostalAddress("gso", "01", "009", "00343", "Số 12", "Số 12, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội"),
                MobilePhone = "0912345678",
                Email = $"cong-dan-{sequence}@example.vn",
                SendEmail = true,
                OfficeCode = "00106",
            };
            // The portrait is what the PDF embeds; the ID card rows only complete the declaration.
            var photos = new List<DeclarationPhoto> { new(PhotoKind.Portrait, await store.SaveAsync(photo), PhotoFormat.Jpeg, 600, 800, photo.Length, new string('a', 64)) };
            photos.AddRange(new[] { PhotoKind.IdFront, PhotoKind.IdBack }.Select(kind =>
                new DeclarationPhoto(kind, Guid.NewGuid().ToString("N"), PhotoFormat.Jpeg, 600, 800, 3, new string('a', 64))));
            var declaration = Declaration.Submit(content, new RecordNumber(2026, sequence), photos, Guid.NewGuid().ToString("N"), new string('f', 64), now);
            db.Declarations.Add(declaration);
            db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Email, declaration.Email!, $"Tờ khai đăng ký giao dịch điện tử – hồ sơ {declaration.RecordNumber}",
                "Kính gửi Nguyễn Thị Hồng Nhung,\n\nTờ khai Mẫu 01 được đính kèm thư này.", declaration.Id, OutboxAttachment.Mau01Pdf, now));
            if (i % 200 == 199) await db.SaveChangesAsync();
        }
        await db.SaveChangesAsync();
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
