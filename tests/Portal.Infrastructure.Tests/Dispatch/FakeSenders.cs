using System.Collections.Concurrent;
using Portal.Infrastructure.Delivery;

namespace Portal.Infrastructure.Tests.Dispatch;

/// <summary>Senders that note what they were asked to send, and fail when told to.</summary>
internal sealed class RecordingSenders : IEmailSender, ISmsSender
{
    public ConcurrentDictionary<Guid, int> Sends { get; } = new();
    public bool IsConfigured { get; init; } = true;
    public SmsRoute Route { get; init; } = SmsRoute.Gateway;
    /// <summary>Every send fails with this while set.</summary>
    public Func<Exception>? Failure { get; set; }
    public TimeSpan Delay { get; init; }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => RecordAsync(message.Id, cancellationToken);

    public Task SendAsync(Guid messageId, string phone, string text, CancellationToken cancellationToken) => RecordAsync(messageId, cancellationToken);

    private async Task RecordAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        if (Failure is { } failure) throw failure();
        Sends.AddOrUpdate(id, 1, (_, n) => n + 1);
    }
}
