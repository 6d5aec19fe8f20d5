using Portal.Infrastructure.Settings;
using Microsoft.Extensions.Options;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Outbox;

namespace Portal.Infrastructure.Purge;

/// <summary>
/// The purge as a Hangfire recurring job. Hangfire's lock keeps it to one run at a time across the
/// instances sharing its storage; the purge itself stays correct if two runs overlap anyway. Hangfire
/// passes its shutdown token, so stopping the host stops the purge, which records itself as interrupted.
/// No automatic retry: a failed step is recorded on the run, and the next day's run takes up the rest.
/// </summary>
public sealed class PurgeJob(DeclarationPurger purger, OutboxTrigger outbox, Telemetry.PortalMetrics metrics)
{
    public const string RecurringJobId = PurgeOptions.JobName;

    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await purger.RunAsync(cancellationToken);
        metrics.PurgeDeleted(report.DeclarationsDeleted);
        if (report.WarningsSent > 0) outbox.MessagesQueued();
    }
}

public static class PurgeSetup
{
    /// <summary>Registers the purge; <see cref="Jobs.RecurringJobsRegistration"/> schedules it.</summary>
    public static IServiceCollection AddPurge(this IServiceCollection services)
    {
        services.AddValidatedOptions<PurgeOptions>(PurgeOptions.Section)
            .Rule(PurgeOptions.Section, nameof(PurgeOptions.PauseRatio), o => o.PauseRatio >= 0, "must not be negative")
            .Rule(PurgeOptions.Section, nameof(PurgeOptions.FileGracePeriod), o => o.FileGracePeriod >= TimeSpan.Zero, "must not be negative")
            .Rule(PurgeOptions.Section, nameof(PurgeOptions.ProgressInterval), o => o.ProgressInterval >= TimeSpan.Zero, "must not be negative")
            .Rule(PurgeOptions.Section, nameof(PurgeOptions.AbandonedAfter), o => o.AbandonedAfter > TimeSpan.Zero, "must be positive");
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PurgeOptions>>().Value);
        services.AddScoped<DeclarationPurger>();
        services.AddScoped<PurgeJob>();
        return services;
    }
}
