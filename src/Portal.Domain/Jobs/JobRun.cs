namespace Portal.Domain.Jobs;

public enum JobRunOutcome
{
    Running,
    Succeeded,
    /// <summary>Finished, but some steps failed (see <see cref="JobRun.ErrorSummary"/>); the next run retries them.</summary>
    CompletedWithErrors,
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
    /// <summary>Which steps failed and with which exception type; no messages, which may quote personal data.</summary>
    public string? ErrorSummary { get; private set; }

    public void Finish(DateTimeOffset now, int deleted, int draftsDeleted, int filesRemoved, int warningsSent, IReadOnlyList<string> errors)
    {
        if (Outcome != JobRunOutcome.Running) throw new DomainRuleException("A job run finishes once.");
        FinishedAt = now < StartedAt ? StartedAt : now;
        DeletedCount = deleted;
        DraftsDeleted = draftsDeleted;
        FilesRemoved = filesRemoved;
        WarningsSent = warningsSent;
        ErrorCount = errors.Count;
        var summary = string.Join("; ", errors);
        ErrorSummary = errors.Count == 0 ? null : summary.Length <= MaxErrorSummaryLength ? summary : summary[..MaxErrorSummaryLength];
        Outcome = errors.Count == 0 ? JobRunOutcome.Succeeded : JobRunOutcome.CompletedWithErrors;
    }
}
