namespace Portal.Domain.Jobs;

public enum JobRunOutcome
{
    Running,
    Succeeded,
    /// <summary>Finished, but some steps failed (see <see cref="JobRun.ErrorSummary"/>); the next run retries them.</summary>
    CompletedWithErrors,
    /// <summary>Stopped before it finished: the host shut down, or it went silent (killed) and a later run noticed.</summary>
    Interrupted,
}

/// <summary>One run of a background job (the purge), for the operators' job history. Holds counts, never personal data.</summary>
public sealed class JobRun
{
    public const int MaxErrorSummaryLength = 2000;

    private JobRun()
    {
        JobName = string.Empty;
    }

    public static JobRun Start(string jobName, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(jobName)) throw new DomainRuleException("A job run names its job.");
        return new JobRun { Id = Guid.NewGuid(), JobName = jobName, StartedAt = now, Outcome = JobRunOutcome.Running };
    }

    public Guid Id { get; private set; }
    public string JobName { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public JobRunOutcome Outcome { get; private set; }
    public int DeletedCount { get; private set; }
    public int DraftsDeleted { get; private set; }
    public int FilesRemoved { get; private set; }
    public int WarningsSent { get; private set; }
    public int ErrorCount { get; private set; }
    /// <summary>When the run last recorded its counts; a run that stays silent for long was killed.</summary>
    public DateTimeOffset? LastProgressAt { get; private set; }
    /// <summary>The last sign of life: the last progress, or the start.</summary>
    public DateTimeOffset LastSeenAt => LastProgressAt ?? StartedAt;
    /// <summary>Which steps failed and with which exception type; no messages, which may quote personal data.</summary>
    public string? ErrorSummary { get; private set; }

    public void RecordProgress(DateTimeOffset now, int deleted, int draftsDeleted, int filesRemoved, int warningsSent)
    {
        EnsureRunning();
        LastProgressAt = Later(now);
        SetCounts(deleted, draftsDeleted, filesRemoved, warningsSent);
    }

    /// <summary>Whether the run has been silent for longer than <paramref name="silence"/>: its process is gone.</summary>
    public bool IsAbandoned(DateTimeOffset now, TimeSpan silence) => Outcome == JobRunOutcome.Running && now - LastSeenAt > silence;

    /// <summary>Ends a run that did not finish; it ends at its last sign of life when it went silent.</summary>
    public void MarkInterrupted(DateTimeOffset endedAt)
    {
        EnsureRunning();
        FinishedAt = Later(endedAt);
        Outcome = JobRunOutcome.Interrupted;
    }

    public void Finish(DateTimeOffset now, int deleted, int draftsDeleted, int filesRemoved, int warningsSent, IReadOnlyList<string> errors)
    {
        EnsureRunning();
        FinishedAt = Later(now);
        SetCounts(deleted, draftsDeleted, filesRemoved, warningsSent);
        ErrorCount = errors.Count;
        var summary = string.Join("; ", errors);
        ErrorSummary = errors.Count == 0 ? null : summary.Length <= MaxErrorSummaryLength ? summary : summary[..MaxErrorSummaryLength];
        Outcome = errors.Count == 0 ? JobRunOutcome.Succeeded : JobRunOutcome.CompletedWithErrors;
    }

    private void EnsureRunning()
    {
        if (Outcome != JobRunOutcome.Running) throw new DomainRuleException("A job run finishes once.");
    }

    private DateTimeOffset Later(DateTimeOffset now) => now < StartedAt ? StartedAt : now;

    private void SetCounts(int deleted, int draftsDeleted, int filesRemoved, int warningsSent)
    {
        if (deleted < 0 || draftsDeleted < 0 || filesRemoved < 0 || warningsSent < 0) throw new DomainRuleException("A job run counts from zero.");
        DeletedCount = deleted;
        DraftsDeleted = draftsDeleted;
        FilesRemoved = filesRemoved;
        WarningsSent = warningsSent;
    }
}
