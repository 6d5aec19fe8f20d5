using Microsoft.Extensions.Configuration;
using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Purge;

/// <summary>Settings of the purge (section <c>Purge</c>).</summary>
public sealed record PurgeOptions
{
    public const string JobName = "purge";

    /// <summary>Declarations deleted per transaction. Small batches with short pauses between them spread the purge's load evenly over the submissions arriving meanwhile.</summary>
    public int BatchSize { get; init; } = 200;
    /// <summary>A file no row refers to is removed only once it is this old, so an upload in progress is never swept.</summary>
    public TimeSpan FileGracePeriod { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Cron expression (5 fields, or 6 with seconds first), in Asia/Ho_Chi_Minh time: daily at 02:00 by default.</summary>
    public string Cron { get; init; } = "0 2 * * *";
    /// <summary>Whether the web host schedules the job (the CLI verb runs it regardless).</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>How often a run writes its counts to its job-run record while it works.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>After each batch, a pause of this fraction of the batch's time (0.5: half as long), so submissions keep their latency.</summary>
    public double PauseRatio { get; init; } = 0.4;
    /// <summary>Threads unlinking files, in the idle scheduling class (see <see cref="BackgroundThread"/>): two use both processors when nothing else does.</summary>
    public int FileRemovalParallelism { get; init; } = 2;
    /// <summary>A run silent for this long was killed; the next run records it as interrupted.</summary>
    public TimeSpan AbandonedAfter { get; init; } = TimeSpan.FromMinutes(30);

    public static PurgeOptions From(IConfiguration configuration)
    {
        var defaults = new PurgeOptions();
        var section = configuration.GetSection("Purge");
        return new PurgeOptions
        {
            BatchSize = Math.Max(1, section.GetValue("BatchSize", defaults.BatchSize)),
            FileGracePeriod = section.GetValue("FileGracePeriod", defaults.FileGracePeriod),
            Cron = string.IsNullOrWhiteSpace(section["Cron"]) ? defaults.Cron : section["Cron"]!,
            Enabled = section.GetValue("Enabled", defaults.Enabled),
            ProgressInterval = section.GetValue("ProgressInterval", defaults.ProgressInterval),
            AbandonedAfter = section.GetValue("AbandonedAfter", defaults.AbandonedAfter),
            PauseRatio = Math.Max(0, section.GetValue("PauseRatio", defaults.PauseRatio)),
            FileRemovalParallelism = Math.Max(1, section.GetValue("FileRemovalParallelism", defaults.FileRemovalParallelism)),
        };
    }
}
