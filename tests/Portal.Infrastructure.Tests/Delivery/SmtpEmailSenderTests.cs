using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Infrastructure.Delivery;
using Portal.Infrastructure.Tests.Support;

namespace Portal.Infrastructure.Tests.Delivery;

public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private const string Recipient = "anh.tuyet@example.vn";
    private const string Subject = "BHXH Việt Nam: tờ khai đăng ký giao dịch điện tử GD/2026/00001";
    private const string Text =
        "Kính gửi Nguyễn Thị Ánh Tuyết,\n\n" +
        "Bảo hiểm xã hội Việt Nam đã nhận được tờ khai của mã số 0123456789, số hồ sơ GD/2026/00001.\n" +
        "Vui lòng in tờ khai đính kèm, ký và nộp tại cơ quan BHXH đã chọn trong 10 ngày.\n\n" +
        "Liên hệ tổng đài 1900 9068 để được hỗ trợ.";

    private readonly SmtpServer _smtp = new();
    private readonly CapturingLoggerProvider _logs = new();

    public Task InitializeAsync() => _smtp.InitializeAsync();

    public Task DisposeAsync() => _smtp.DisposeAsync();

    [Fact]
    public async Task An_email_arrives_with_its_vietnamese_subject_and_text_an_html_alternative_and_the_pdf_intact()
    {
        var pdf = FakePdf(130 * 1024);
        var message = new EmailMessage(Guid.CreateVersion7(), Recipient, Subject, Text,
            [new EmailAttachment("GD_2026_00001.pdf", "application/pdf", pdf)]);

        await Sender().SendAsync(message, CancellationToken.None);

        var received = Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(Subject, received.Subject);
        Assert.Equal($"{message.Id}@portal.bhxh", received.MessageId);
        Assert.Equal(Recipient, Assert.IsType<MailboxAddress>(Assert.Single(received.To)).Address);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(received.From));
        Assert.Equal(("khong-tra-loi@portal.localhost", "Bảo hiểm xã hội Việt Nam"), (from.Address, from.Name));

        Assert.Equal(Text, received.TextBody?.ReplaceLineEndings("\n"));
        var alternative = Assert.IsType<MultipartAlternative>(Assert.IsType<Multipart>(received.Body).First());
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        var html = received.HtmlBody;
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("<p>Kính gửi Nguyễn Thị Ánh Tuyết,</p>", html);
        Assert.Contains("số hồ sơ GD/2026/00001.<br>", html);
        Assert.Contains("<p>Liên hệ tổng đài 1900 9068 để được hỗ trợ.</p>", html);

        var attachment = Assert.IsType<MimePart>(Assert.Single(received.Attachments));
        Assert.Equal("GD_2026_00001.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(pdf)), Convert.ToHexString(SHA256.HashData(content.ToArray())));
    }

    [Fact]
    public async Task The_log_names_the_message_id_and_neither_the_recipient_nor_the_subject_nor_the_text()
    {
        var message = new EmailMessage(Guid.CreateVersion7(), Recipient, Subject, Text, []);

        await Sender().SendAsync(message, CancellationToken.None);

        var entry = Assert.Single(_logs.Entries);
        Assert.Contains(message.Id.ToString(), entry.Message);
        AssertNoPersonalData(entry.AllText);
    }

    [Fact]
    public async Task A_refused_recipient_throws_and_its_description_has_the_status_code_without_the_address()
    {
        var message = new EmailMessage(Guid.CreateVersion7(), SmtpServer.RefusedRecipient, Subject, Text, []);

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => Sender().SendAsync(message, CancellationToken.None));

        Assert.Contains(SmtpServer.RefusedRecipient, e.Message);
        var described = DeliveryError.Describe(e);
        Assert.Equal("SmtpCommandException 550 MailboxUnavailable RecipientNotAccepted", described);
        Assert.DoesNotContain("@", described);
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public async Task A_stopped_server_makes_the_send_throw_a_refused_connection_and_a_restarted_one_takes_the_retry()
    {
        var message = new EmailMessage(Guid.CreateVersion7(), Recipient, Subject, Text, []);
        var sender = Sender();
        _smtp.Stop();

        var e = await Assert.ThrowsAsync<SocketException>(() => sender.SendAsync(message, CancellationToken.None));
        var described = DeliveryError.Describe(e);
        Assert.Equal("SocketException ConnectionRefused", described);
        AssertNoPersonalData(described);

        await _smtp.StartAgainAsync();
        await sender.SendAsync(message, CancellationToken.None);
        Assert.Equal($"{message.Id}@portal.bhxh", Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10))).MessageId);
    }

    [Fact]
    public void Describe_gives_the_smtp_codes_of_a_refusal_and_never_the_server_reply()
    {
        var e = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable,
            "5.1.1 <a@b.vn>: Recipient address rejected");

        Assert.Equal("SmtpCommandException 550 MailboxUnavailable RecipientNotAccepted", DeliveryError.Describe(e));
    }

    [Fact]
    public async Task Without_a_host_the_sender_is_not_configured_and_refuses_to_send()
    {
        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions()), _logs.CreateLogger<SmtpEmailSender>());

        Assert.False(sender.IsConfigured);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            sender.SendAsync(new EmailMessage(Guid.NewGuid(), Recipient, Subject, Text, []), CancellationToken.None));
    }

    private SmtpEmailSender Sender() => new(Options.Create(new SmtpOptions
    {
        Host = _smtp.Host,
        Port = _smtp.Port,
        Security = SmtpSecurity.None,
        FromAddress = "khong-tra-loi@portal.localhost",
        Timeout = TimeSpan.FromSeconds(10),
    }), _logs.CreateLogger<SmtpEmailSender>());

    private static void AssertNoPersonalData(string text)
    {
        Assert.DoesNotContain(Recipient, text);
        Assert.DoesNotContain("Tuyết", text);
        Assert.DoesNotContain("GD/2026/00001", text);
    }

    private static byte[] FakePdf(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }
}
