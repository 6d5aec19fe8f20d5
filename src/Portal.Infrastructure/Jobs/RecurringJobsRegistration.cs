using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Purge;

namespace Portal.Infrastructure.Jobs;

/// <summary>
/// Registers the recurring jobs with Hangfire at every start, from configuration: Hangfire's storage
/// holds only the schedule, which the portal can always write again.
/// </summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs, PurgeOptions purge, IOptions<OutboxOptions> outbox) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var vietnam = new RecurringJobOptions { TimeZone = VietnamTimeZone.Instance };
        // An instance with the purge disabled leaves the schedule that others share alone.
        if (purge.Enabled)
            recurringJobs.AddOrUpdate<PurgeJob>(PurgeJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), purge.Cron, vietnam);
        recurringJobs.AddOrUpdate<OutboxDispatchJob>(OutboxDispatchJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), outbox.Value.Cron, vietnam);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
