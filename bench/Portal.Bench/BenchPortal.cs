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

/// <summary>The portal's infrastructure in this process on a new SQLite database in <c>dataDirectory</c>, migrated and seeded, and declarations to work on.</summary>
internal static class BenchPortal
{
    public static async Task<IHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:Portal"] = "",
            ["Jobs:RunServer"] = "false",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddInfrastructure(builder.Configuration, dataDirectory);
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return host;
    }

    /// <summary>An individual declaration to Đống Đa, as the benches submit it.</summary>
    public static readonly DeclarationContent SampleContent = new()
    {
        Kind = DeclarationKind.Individual,
        FullName = "Nguyễn Thị Hồng Nhung",
        MaSoBhxh = "0123456789",
        IdentityNumber = "001190012345",
        Address = new PostalAddress("gso", "01", "009", "00343", "Số 12", "Số 12, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội"),
        MobilePhone = "0912345678",
        OfficeCode = "00106",
    };

    /// <summary>
    /// <paramref name="count"/> declarations to Đống Đa made now, each with its own copy of <paramref name="photo"/> as the
    /// portrait, and with <paramref name="queueEmail"/> their Ghi nhận email queued. Returns their ids.
    /// </summary>
    public static async Task<List<Guid>> SeedDeclarationsAsync(IServiceProvider services, int count, byte[] photo, int sequenceFrom, bool queueEmail)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<PhotoStore>();
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var sequence = sequenceFrom + i;
            var content = SampleContent with { Email = $"cong-dan-{sequence}@example.vn", SendEmail = queueEmail };
            // The portrait is what the PDF embeds; the ID card rows only complete the declaration.
            var photos = new List<DeclarationPhoto> { new(PhotoKind.Portrait, await store.SaveAsync(photo), PhotoFormat.Jpeg, 600, 800, photo.Length, new string('a', 64)) };
            photos.AddRange(new[] { PhotoKind.IdFront, PhotoKind.IdBack }.Select(kind =>
                new DeclarationPhoto(kind, Guid.NewGuid().ToString("N"), PhotoFormat.Jpeg, 600, 800, 3, new string('a', 64))));
            var declaration = Declaration.Submit(content, new RecordNumber(2026, sequence), photos, Guid.NewGuid().ToString("N"), new string('f', 64), now);
            db.Declarations.Add(declaration);
            ids.Add(declaration.Id);
            if (queueEmail)
                db.OutboxMessages.Add(new OutboxMessage(OutboxChannel.Email, declaration.Email!, $"Tờ khai đăng ký giao dịch điện tử – hồ sơ {declaration.RecordNumber}",
                    "Kính gửi Nguyễn Thị Hồng Nhung,\n\nTờ khai Mẫu 01 được đính kèm thư này.", declaration.Id, OutboxAttachment.Mau01Pdf, now));
            if (i % 200 == 199) await db.SaveChangesAsync();
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
