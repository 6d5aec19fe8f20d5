using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Portal.Infrastructure.Purge;

/// <summary>The purge as a Quartz job. One at a time per scheduler; the purge itself is safe across instances.</summary>
[DisallowConcurrentExecution]
public sealed class PurgeJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new(PurgeOptions.JobName);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeclarationPurger>().RunAsync(cancellationToken);
    }
}

public static class PurgeSetup
{
    /// <summary>Vietnam's time zone; the purge runs at 02:00 there.</summary>
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>Registers the purge and, unless <c>Purge:Enabled</c> is false, its daily Quartz schedule (<c>Purge:Cron</c>).</summary>
    public static IServiceCollection AddPurge(this IServiceCollection services, IConfiguration configuration)
    {
        var options = PurgeOptions.From(configuration);
        services.AddSingleton(options);
        services.AddScoped<DeclarationPurger>();
        if (!options.Enabled) return services;

        services.AddQuartz(q =>
        {
            // A shutdown cancels a running purge, which records itself as interrupted, instead of
            // outliving the host's shutdown timeout and being killed mid-batch.
            q.ConfigureScheduler(s => s.ShutdownJobInterruption = ShutdownJobInterruption.Always);
            q.AddJob<PurgeJob>(j => j.WithIdentity(PurgeJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(PurgeJob.Key).WithIdentity("purge-daily")
                .WithCronSchedule(options.Cron, c => c.InTimeZone(VietnamTimeZone())));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static TimeZoneInfo VietnamTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            // No tz database in the image: Vietnam is UTC+7 all year.
            return TimeZoneInfo.CreateCustomTimeZone(TimeZoneId, Domain.VietnamTime.Offset, TimeZoneId, TimeZoneId);
        }
    }
}
