using Hangfire;

namespace Portal.Infrastructure.Outbox;

/// <summary>
/// The dispatcher as a Hangfire job: recurring (<see cref="OutboxOptions.Cron"/>) and enqueued by
/// <see cref="OutboxTrigger"/> after commits that queue messages. Runs may overlap (two instances, a
/// trigger during the recurring run): the claims keep each message to one of them. The dispatcher
/// retries messages itself, so Hangfire does not retry the job.
/// </summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, OutboxTrigger trigger)
{
    public const string RecurringJobId = "outbox";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunAsync(CancellationToken cancellationToken)
    {
        trigger.DispatchStarting();
        return dispatcher.DispatchAsync(cancellationToken);
    }
}
