using System.ComponentModel.DataAnnotations;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Settings;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Jobs;

/// <summary>Settings of the background-job server (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this instance runs jobs and registers their schedules (the CLI verbs run them regardless).</summary>
    public bool RunServer { get; set; } = true;

    [Range(1, 50)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the server looks for recurring and delayed jobs that are due.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);
}

public static class JobsSetup
{
    /// <summary>
    /// Hangfire with storage shared by every instance on PostgreSQL, and in memory on the single-instance
    /// SQLite default (Hangfire.Storage.SQLite is reported to run jobs twice). Nothing durable lives only
    /// there: the outbox and the job runs are the portal's tables, and the schedules are written at start.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section)
            .Rule(JobsOptions.Section, nameof(JobsOptions.SchedulePollingInterval), o => o.SchedulePollingInterval > TimeSpan.Zero, "must be positive");
        // Each host gets its own storage and activator rather than Hangfire's process-wide ones, which the
        // last host configured would take over (tests run several hosts in one process).
        services.AddSingleton<JobStorage>(_ => database.Provider == DatabaseProvider.Postgres
            ? PostgresStorage(database.ConnectionString)
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, c) => c
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.RunServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = jobs.WorkerCount;
                o.SchedulePollingInterval = jobs.SchedulePollingInterval;
            });
            services.AddHostedService<RecurringJobsRegistration>();
        }
        return services;
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
