using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portal.Infrastructure.Delivery;

/// <summary>
/// Sends through the configured SMTP server with MailKit: plain text with an HTML alternative and the
/// attachments, under a Message-Id made from the outbox id, so that a server that already took a
/// message the dispatcher retries can tell it is the same one.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public const string MessageIdDomain = "portal.bhxh";

    private readonly SmtpOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (!IsConfigured) throw new InvalidOperationException($"No SMTP server is configured ({SmtpOptions.Section}:{nameof(SmtpOptions.Host)}).");
        using var mime = Build(message, _options);

        // A connection per message rather than a pooled one: the outbox sends a handful a minute, and a
        // kept connection would need locking (SmtpClient is not thread-safe), liveness checks and a
        // reconnect after the server's idle timeout. A fresh one costs a handshake and leaves nothing
        // half-open behind a failure for the next retry.
        using var smtp = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        await smtp.ConnectAsync(_options.Host, _options.Port, _options.SocketOptions, cancellationToken);
        if (!string.IsNullOrEmpty(_options.UserName))
            await smtp.AuthenticateAsync(_options.UserName, _options.Password, cancellationToken);
        await smtp.SendAsync(mime, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
        // The message id only: recipient, subject and body are personal data.
        logger.LogInformation("Email {MessageId} accepted by the SMTP server", message.Id);
    }

    internal static MimeMessage Build(EmailMessage message, SmtpOptions options)
    {
        var body = new BodyBuilder
        {
            TextBody = message.TextBody,
            HtmlBody = EmailHtmlBody.Render(message.Subject, message.TextBody),
        };
        foreach (var attachment in message.Attachments)
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.MediaType));

        var mime = new MimeMessage
        {
            MessageId = MessageIdFor(message.Id),
            Subject = message.Subject,
            Body = body.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }

    /// <summary>The Message-Id header's value without its angle brackets.</summary>
    public static string MessageIdFor(Guid outboxId) => $"{outboxId:D}@{MessageIdDomain}";
}
