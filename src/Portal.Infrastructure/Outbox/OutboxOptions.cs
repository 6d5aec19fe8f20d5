using System.ComponentModel.DataAnnotations;

namespace Portal.Infrastructure.Outbox;

/// <summary>Settings of the outbox dispatcher (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Hangfire cron of the recurring dispatch (Asia/Ho_Chi_Minh); commits that queue messages trigger one at once besides.</summary>
    [Required]
    public string Cron { get; set; } = "* * * * *";

    /// <summary>Attempts before a message is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A claim lapses after this long, so a message claimed by a killed process is taken over. Longer than any send may take.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages claimed at a time.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Messages sent at once within a batch.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 4;

    /// <summary>When the next attempt may be, after <paramref name="attempts"/> failed ones: exponential back-off, capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
