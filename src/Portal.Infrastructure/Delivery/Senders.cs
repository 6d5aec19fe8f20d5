namespace Portal.Infrastructure.Delivery;

/// <summary>An email as it leaves: the outbox message's id (for the logs), recipient, subject, plain text and attachments.</summary>
public sealed record EmailMessage(Guid Id, string To, string Subject, string TextBody, IReadOnlyList<EmailAttachment> Attachments);

public sealed record EmailAttachment(string FileName, string MediaType, byte[] Content);

/// <summary>Sends an email; throws when the server refuses or cannot be reached, so the dispatcher retries.</summary>
public interface IEmailSender
{
    /// <summary>False when no SMTP server is configured: emails then stay queued.</summary>
    bool IsConfigured { get; }

    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>How SMS leave this instance.</summary>
public enum SmsRoute
{
    /// <summary>An HTTP gateway (production).</summary>
    Gateway,
    /// <summary>A line in the log with the message id only (Development demo): nothing reaches a phone.</summary>
    Log,
    /// <summary>No gateway configured: SMS stay queued.</summary>
    None,
}

/// <summary>Sends an SMS; throws when the gateway refuses or cannot be reached, so the dispatcher retries.</summary>
public interface ISmsSender
{
    SmsRoute Route { get; }

    Task SendAsync(Guid messageId, string phone, string text, CancellationToken cancellationToken);
}
