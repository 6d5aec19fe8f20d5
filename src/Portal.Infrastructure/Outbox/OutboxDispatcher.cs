using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Delivery;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Outbox;

/// <summary>What one dispatch did: counts only.</summary>
public sealed record DispatchReport(int Sent, int Retrying, int DeadLettered);

/// <summary>
/// Delivers the outbox: claims due messages (<see cref="OutboxClaims"/>), sends them a few at a time, and
/// records each outcome under its claim, so a dispatcher whose claim lapsed and was taken over records
/// nothing. A failure is retried after an exponential back-off; after the last attempt the message is
/// dead-lettered with a description of the error that names no person. Channels without a way out on
/// this instance (no SMTP server, no SMS gateway) are not claimed: their messages stay queued.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEmailSender email,
    ISmsSender sms,
    OutboxEmailComposer composer,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private OutboxOptions Options => options.Value;

    /// <summary>The channels this instance can send on.</summary>
    public IReadOnlyList<OutboxChannel> SendableChannels =>
    [
        .. email.IsConfigured ? [OutboxChannel.Email] : Array.Empty<OutboxChannel>(),
        .. sms.Route != SmsRoute.None ? [OutboxChannel.Sms] : Array.Empty<OutboxChannel>(),
    ];

    public async Task<DispatchReport> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var token = Guid.NewGuid();
        var channels = SendableChannels;
        int sent = 0, retrying = 0, dead = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var ids = await OutboxClaims.ClaimAsync(db, channels, token, clock.GetUtcNow(), Options.ClaimTimeout, Options.BatchSize, cancellationToken);
            if (ids.Count == 0) break;
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);

            var failures = new ConcurrentDictionary<Guid, string>();
            var sentIds = new ConcurrentDictionary<Guid, bool>();
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
                async (message, ct) =>
                {
                    try
                    {
                        await SendAsync(message, ct);
                        sentIds[message.Id] = true;
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        failures[message.Id] = DeliveryError.Describe(e);
                    }
                });

            var now = clock.GetUtcNow();
            foreach (var message in messages.Where(m => sentIds.ContainsKey(m.Id)))
                sent += await RecordSentAsync(db, message, token, now, cancellationToken);
            foreach (var message in messages.Where(m => failures.ContainsKey(m.Id)))
            {
                var error = failures[message.Id];
                var isLast = message.Attempts >= Options.MaxAttempts;
                logger.LogWarning("Outbox message {MessageId} ({Channel}) failed attempt {Attempt} of {MaxAttempts}: {Error}",
                    message.Id, message.Channel, message.Attempts, Options.MaxAttempts, error);
                var recorded = await RecordFailureAsync(db, message, token, error, isLast, now, cancellationToken);
                if (isLast) dead += recorded; else retrying += recorded;
            }
        }
        if (sent + retrying + dead > 0)
            logger.LogInformation("Outbox: {Sent} sent, {Retrying} to retry, {Dead} dead-lettered", sent, retrying, dead);
        return new DispatchReport(sent, retrying, dead);
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        switch (message.Channel)
        {
            case OutboxChannel.Sms:
                await sms.SendAsync(message.Id, message.Recipient, message.Body, cancellationToken);
                break;
            case OutboxChannel.Email:
                await email.SendAsync(await composer.ComposeAsync(message, cancellationToken), cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown channel {message.Channel}.");
        }
    }

    private string RouteOf(OutboxChannel channel) => channel == OutboxChannel.Email ? "Smtp" : sms.Route.ToString();

    private async Task<int> RecordSentAsync(PortalDbContext db, OutboxMessage message, Guid token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var route = RouteOf(message.Channel);
        // Account messages (a first password, an OTP) carry a secret: once delivered, their text is not kept.
        var body = message.HoldsSecret ? OutboxMessage.ErasedBody : message.Body;
        return await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Body, body)
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.DeliveredVia, route)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null), cancellationToken);
    }

    private async Task<int> RecordFailureAsync(PortalDbContext db, OutboxMessage message, Guid token, string error, bool isLast,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = isLast ? OutboxStatus.Dead : OutboxStatus.Pending;
        var next = now + Options.RetryDelay(message.Attempts);
        return await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null), cancellationToken);
    }
}
