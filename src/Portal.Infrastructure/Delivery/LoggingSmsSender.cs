using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Delivery;

/// <summary>The Development demo route (<c>Sms:WriteToLog</c>): nothing reaches a phone; the log gets the message id, never the number or the text.</summary>
public sealed class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : ISmsSender
{
    public SmsRoute Route => SmsRoute.Log;

    public Task SendAsync(Guid messageId, string phone, string text, CancellationToken cancellationToken)
    {
        logger.LogInformation("SMS {MessageId} written to the log instead of a gateway (Sms:WriteToLog)", messageId);
        return Task.CompletedTask;
    }
}
