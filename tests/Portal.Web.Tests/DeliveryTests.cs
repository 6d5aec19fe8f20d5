using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Tests.Support;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>Ghi nhận's SMS and email leave through the dispatcher, to a real SMTP server.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();

    public Task InitializeAsync() => _smtp.InitializeAsync();

    public Task DisposeAsync() => _smtp.DisposeAsync();

    private PortalApp App() => new()
    {
        Settings =
        {
            ["Smtp:Host"] = _smtp.Host,
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:FromAddress"] = "khong-tra-loi@portal.localhost",
            ["Sms:WriteToLog"] = "true",
            // Retries come quickly, and the recurring dispatch runs every second.
            ["Outbox:FirstRetryDelay"] = "00:00:01",
            ["Outbox:MaxRetryDelay"] = "00:00:02",
            ["Outbox:MaxAttempts"] = "50",
            ["Outbox:Cron"] = "* * * * * *",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
        },
    };

    private static async Task<List<OutboxMessage>> OutboxAsync(PortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 30 s: {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_newcomer_registers_and_within_seconds_the_email_with_the_pdf_is_at_the_smtp_server_and_the_sms_row_is_sent()
    {
        await using var app = App();
        var (client, html) = await Mau01Journey.RegisterIndividualAsync(app);
        var page = Mau01Client.Parse(html);
        var number = page.QuerySelector(".record-number")!.TextContent;

        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(20)));

        Assert.Equal($"Tờ khai đăng ký giao dịch điện tử với cơ quan BHXH – hồ sơ {number}", mail.Subject);
        Assert.Equal("nhung@example.vn", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("Kính gửi Nguyễn Thị Hồng Nhung,", mail.TextBody);
        Assert.Contains($"mã số BHXH 0123456789, số hồ sơ {number}", mail.TextBody);
        var attachment = Assert.IsType<MimeKit.MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal(number.Replace('/', '_') + ".pdf", attachment.FileName);
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached);
        var pdfUrl = page.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Tải tờ khai", StringComparison.Ordinal)).GetAttribute("href");
        var downloaded = await client.Http.GetByteArrayAsync(pdfUrl);
        // Two renders differ in their creation time and document id only: the pages carry the same text.
        Assert.Equal(Mau01FlowTests.PdfText(downloaded), Mau01FlowTests.PdfText(attached.ToArray()));

        await WaitUntilAsync(async () => (await OutboxAsync(app)).All(m => m.Status == OutboxStatus.Sent), "every message sent");
        var sms = Assert.Single(await OutboxAsync(app), m => m.Channel == OutboxChannel.Sms);
        Assert.Equal(("Log", 1), (sms.DeliveredVia, sms.Attempts));

        var reloaded = await client.GetAsync("/dang-ky/hoan-tat");
        var delivery = reloaded.QuerySelectorAll("p.delivery").Select(p => p.TextContent).ToList();
        Assert.StartsWith("Tin nhắn chưa được gửi tới số 0912345678: máy chủ thử nghiệm này chưa kết nối cổng SMS", delivery[0]);
        Assert.StartsWith("Tờ khai đã được gửi tới địa chỉ thư điện tử nhung@example.vn lúc ", delivery[1]);
    }

    [Fact]
    public async Task The_confirmation_says_queued_not_sent_while_nothing_has_left()
    {
        await _smtp.DisposeAsync();
        // No SMTP server and no SMS route: both messages stay queued.
        await using var app = new PortalApp();
        var (_, html) = await Mau01Journey.RegisterIndividualAsync(app);

        var delivery = Mau01Client.Parse(html).QuerySelectorAll("p.delivery").Select(p => p.TextContent).ToList();
        Assert.Equal(["Tin nhắn sẽ được gửi tới số 0912345678 trong ít phút.", "Tờ khai sẽ được gửi tới địa chỉ thư điện tử nhung@example.vn trong ít phút."], delivery);
        Assert.DoesNotContain("đã gửi", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(await OutboxAsync(app), m => Assert.Equal((OutboxStatus.Pending, 0), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task With_smtp_stopped_every_submission_succeeds_and_each_email_leaves_once_when_it_returns()
    {
        await using var app = App();
        _smtp.Stop();

        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, html) = await Mau01Journey.RegisterIndividualAsync(app);
            numbers.Add(Mau01Client.Parse(html).QuerySelector(".record-number")!.TextContent);
        }
        await WaitUntilAsync(async () => (await OutboxAsync(app)).Where(m => m.Channel == OutboxChannel.Email).All(m => m.Attempts >= 2),
            "every email tried twice while SMTP is down");
        Assert.All((await OutboxAsync(app)).Where(m => m.Channel == OutboxChannel.Email), m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.StartsWith("SocketException", m.LastError);
        });

        await _smtp.StartAgainAsync();
        var mails = await _smtp.WaitForMessagesAsync(3, TimeSpan.FromSeconds(20));
        await WaitUntilAsync(async () => (await OutboxAsync(app)).All(m => m.Status == OutboxStatus.Sent), "every message sent");
        // A few more recurring dispatches: nothing is sent twice.
        await Task.Delay(TimeSpan.FromSeconds(3));

        mails = await _smtp.WaitForMessagesAsync(3, TimeSpan.Zero);
        Assert.Equal(3, mails.Count);
        Assert.Equal(numbers.Order(), mails.Select(m => m.Subject![^13..]).Order());
    }
}
