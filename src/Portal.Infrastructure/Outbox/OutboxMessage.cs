namespace Portal.Infrastructure.Outbox;

public enum OutboxChannel
{
    Sms,
    Email,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its first attempt or for a retry (<see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Pending,
    Sent,
    /// <summary>Dead-lettered: every attempt failed; an operator can queue it again.</summary>
    Dead,
}

/// <summary>What an email carries besides its text; the bytes are made when it is sent, so no PDF copy is kept.</summary>
public enum OutboxAttachment
{
    None,
    Mau01Pdf,
}

/// <summary>
/// A notification written in the same transaction as the change that caused it, and delivered
/// later by the dispatcher (transactional outbox).
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        Recipient = Body = string.Empty;
    }

    public OutboxMessage(OutboxChannel channel, string recipient, string? subject, string body, Guid? declarationId,
        OutboxAttachment attachment, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(recipient)) throw new ArgumentException("An outbox message has a recipient.", nameof(recipient));
        if (string.IsNullOrWhiteSpace(body)) throw new ArgumentException("An outbox message has a body.", nameof(body));
        if (attachment == OutboxAttachment.Mau01Pdf && declarationId is null)
            throw new ArgumentException("A Mẫu 01 attachment names its declaration.", nameof(attachment));
        Id = Guid.CreateVersion7(now);
        Channel = channel;
        Recipient = recipient;
        Subject = subject;
        Body = body;
        DeclarationId = declarationId;
        Attachment = attachment;
        Status = OutboxStatus.Pending;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public Guid Id { get; private set; }
    public OutboxChannel Channel { get; private set; }
    public string Recipient { get; private set; }
    public string? Subject { get; private set; }
    public string Body { get; private set; }
    public Guid? DeclarationId { get; private set; }
    public OutboxAttachment Attachment { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>When a dispatcher may next take it: its creation, then after each failure a back-off later.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }
    /// <summary>A dispatcher's claim: until then no other dispatcher takes it; a claim left by a killed process lapses.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }
    /// <summary>How a sent message left: <c>Smtp</c>, <c>Gateway</c>, or <c>Log</c> (written to the log in a demo; it reached nobody).</summary>
    public string? DeliveredVia { get; private set; }
    /// <summary>Names the claim, so only the dispatcher that holds it records the outcome.</summary>
    public Guid? ClaimToken { get; private set; }

    /// <summary>What stands in the body of a delivered message whose text held a secret.</summary>
    public const string ErasedBody = "[Nội dung đã được xóa sau khi gửi]";

    /// <summary>A message of an account rather than a declaration: a first password or an OTP, not to be kept once sent.</summary>
    public bool HoldsSecret => DeclarationId is null;

    /// <summary>Whether "Gửi lại" makes sense: not for one already queued, nor for a sent secret whose text is gone.</summary>
    public bool CanRequeue => Status != OutboxStatus.Pending && !(Status == OutboxStatus.Sent && HoldsSecret);

    /// <summary>An operator's "Gửi lại": a dead-lettered or sent message is queued again with fresh attempts.</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (!CanRequeue) throw new InvalidOperationException("The message cannot be queued again.");
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        ClaimedUntil = null;
        ClaimToken = null;
        SentAt = null;
        DeliveredVia = null;
    }
}
