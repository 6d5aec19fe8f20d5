using System.ComponentModel.DataAnnotations;
using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Purge;

/// <summary>Settings of the purge (section <c>Purge</c>).</summary>
public sealed record PurgeOptions
{
    public const string JobName = "purge";
    public const string Section = "Purge";

    /// <summary>Declarations deleted per transaction. Small batches with short pauses between them spread the purge's load evenly over the submissions arriving meanwhile.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; init; } = 200;
    /// <summary>A file no row refers to is removed only once it is this old, so an upload in progress is never swept.</summary>
    public TimeSpan FileGracePeriod { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Cron expression (5 fields, or 6 with seconds first), in Asia/Ho_Chi_Minh time: daily at 02:00 by default.</summary>
    [Required]
    public string Cron { get; init; } = "0 2 * * *";
    /// <summary>Whether the web host schedules the job (the CLI verb runs it regardless).</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>How often a run writes its counts to its job-run record while it works.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>After each batch, a pause of this fraction of the batch's time (0.5: half as long), so submissions keep their latency.</summary>
    public double PauseRatio { get; init; } = 0.4;
    /// <summary>Threads unlinking files, in the idle scheduling class (see <see cref="BackgroundThread"/>): two use both processors when nothing else does.</summary>
    [Range(1, 64)]
    public int FileRemovalParallelism { get; init; } = 2;
    /// <summary>A run silent for this long was killed; the next run records it as interrupted.</summary>
    public TimeSpan AbandonedAfter { get; init; } = TimeSpan.FromMinutes(30);
}
