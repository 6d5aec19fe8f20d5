using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Outbox;

namespace Portal.Infrastructure.Purge;

/// <summary>
/// The purge as a Hangfire recurring job. Hangfire's lock keeps it to one run at a time across the
/// instances sharing its storage; the purge itself stays correct if two runs overlap anyway. Hangfire
/// passes its shutdown token, so stopping the host stops the purge, which records itself as interrupted.
/// No automatic retry: a failed step is recorded on the run, and the next day's run takes up the rest.
/// </summary>
public sealed class PurgeJob(DeclarationPurger purger, OutboxTrigger outbox)
{
    public const string RecurringJobId = PurgeOptions.JobName;

    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await purger.RunAsync(cancellationToken);
        if (report.WarningsSent > 0) outbox.MessagesQueued();
    }
}

public static class PurgeSetup
{
    /// <summary>Registers the purge; <see cref="Jobs.RecurringJobsRegistration"/> schedules it.</summary>
    public static IServiceCollection AddPurge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(PurgeOptions.From(configuration));
        services.AddScoped<DeclarationPurger>();
        services.AddScoped<PurgeJob>();
        return services;
    }
}
