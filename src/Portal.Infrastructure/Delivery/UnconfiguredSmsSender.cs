namespace Portal.Infrastructure.Delivery;

/// <summary>No SMS route configured: the dispatcher sees <see cref="SmsRoute.None"/> and leaves SMS queued instead of calling this.</summary>
public sealed class UnconfiguredSmsSender : ISmsSender
{
    public SmsRoute Route => SmsRoute.None;

    public Task SendAsync(Guid messageId, string phone, string text, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            $"No SMS route is configured ({SmsOptions.Section}:{nameof(SmsOptions.GatewayUrlTemplate)} or {SmsOptions.Section}:{nameof(SmsOptions.WriteToLog)}): SMS stay queued.");
}
