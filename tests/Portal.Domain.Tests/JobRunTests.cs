using Portal.Domain.Declarations;
using Portal.Domain.Jobs;

namespace Portal.Domain.Tests;

public sealed class JobRunTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_finishes_once_with_its_counts_and_errors()
    {
        var run = JobRun.Start("purge", Now);
        Assert.Equal(JobRunOutcome.Running, run.Outcome);

        run.Finish(Now.AddSeconds(5), deleted: 3, draftsDeleted: 1, filesRemoved: 9, warningsSent: 2, ["sweep: IOException"]);

        Assert.Equal((JobRunOutcome.CompletedWithErrors, 3, 1, 9, 2, 1, "sweep: IOException"),
            (run.Outcome, run.DeletedCount, run.DraftsDeleted, run.FilesRemoved, run.WarningsSent, run.ErrorCount, run.ErrorSummary));
        Assert.Equal(Now.AddSeconds(5), run.FinishedAt);
        Assert.Throws<DomainRuleException>(() => run.Finish(Now.AddSeconds(6), 0, 0, 0, 0, []));
    }

    [Fact]
    public void Progress_keeps_the_run_alive_and_a_silent_run_is_abandoned()
    {
        var run = JobRun.Start("purge", Now);
        Assert.False(run.IsAbandoned(Now.AddMinutes(30), TimeSpan.FromMinutes(30)));
        Assert.True(run.IsAbandoned(Now.AddMinutes(31), TimeSpan.FromMinutes(30)));

        run.RecordProgress(Now.AddMinutes(20), deleted: 5000, draftsDeleted: 0, filesRemoved: 14_000, warningsSent: 7);

        Assert.Equal((JobRunOutcome.Running, 5000, 14_000, 7, Now.AddMinutes(20)), (run.Outcome, run.DeletedCount, run.FilesRemoved, run.WarningsSent, run.LastSeenAt));
        Assert.False(run.IsAbandoned(Now.AddMinutes(31), TimeSpan.FromMinutes(30)));
        Assert.True(run.IsAbandoned(Now.AddMinutes(51), TimeSpan.FromMinutes(30)));
        Assert.Throws<DomainRuleException>(() => run.RecordProgress(Now, -1, 0, 0, 0));
    }

    [Fact]
    public void An_interrupted_run_keeps_its_counts_and_ends_once()
    {
        var run = JobRun.Start("purge", Now);
        run.RecordProgress(Now.AddMinutes(2), 700, 0, 2100, 0);

        run.MarkInterrupted(run.LastSeenAt);

        Assert.Equal((JobRunOutcome.Interrupted, Now.AddMinutes(2), 700), (run.Outcome, run.FinishedAt, run.DeletedCount));
        Assert.False(run.IsAbandoned(Now.AddDays(1), TimeSpan.FromMinutes(30)));
        Assert.Throws<DomainRuleException>(() => run.Finish(Now.AddMinutes(3), 0, 0, 0, 0, []));
        Assert.Throws<DomainRuleException>(() => run.MarkInterrupted(Now.AddMinutes(3)));
        Assert.Throws<DomainRuleException>(() => run.RecordProgress(Now.AddMinutes(3), 0, 0, 0, 0));
    }

    [Fact]
    public void A_long_error_summary_is_cut_to_the_column()
    {
        var run = JobRun.Start("purge", Now);
        run.Finish(Now, 0, 0, 0, 0, Enumerable.Repeat("delete: DbUpdateException", 200).ToList());
        Assert.Equal(JobRun.MaxErrorSummaryLength, run.ErrorSummary!.Length);
        Assert.Equal(200, run.ErrorCount);
    }

    [Fact]
    public void A_tombstone_needs_its_record_number_office_and_reason()
    {
        Assert.Throws<DomainRuleException>(() => new DeletionTombstone("", "00106", Now, Now.AddDays(11), DeletionTombstone.NotHandedInWithin10Days));
        Assert.Throws<DomainRuleException>(() => new DeletionTombstone("GD/2026/00001", "00106", Now, Now.AddDays(-1), DeletionTombstone.NotHandedInWithin10Days));
        var tombstone = new DeletionTombstone("GD/2026/00001", "00106", Now, Now.AddDays(11), DeletionTombstone.NotHandedInWithin10Days);
        Assert.Equal("not-handed-in-within-10-days", tombstone.Reason);
    }
}
