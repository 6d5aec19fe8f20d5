using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Delivery;

/// <summary>Says at start which notifications will not leave this instance, so that a missing setting is not found out by a citizen.</summary>
public sealed class DeliveryStartupWarning(IEmailSender email, ISmsSender sms, ILogger<DeliveryStartupWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        switch (sms.Route)
        {
            case SmsRoute.None:
                logger.LogWarning("SMS stay queued: no Sms:GatewayUrlTemplate");
                break;
            case SmsRoute.Log:
                // Marked as sent without reaching anyone: right for a demo, wrong anywhere else.
                logger.LogWarning("SMS are written to the log and reach no phone (Sms:WriteToLog)");
                break;
        }
        if (!email.IsConfigured) logger.LogWarning("Emails stay queued: no Smtp:Host");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
