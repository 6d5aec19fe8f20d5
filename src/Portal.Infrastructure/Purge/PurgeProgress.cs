namespace Portal.Infrastructure.Purge;

/// <summary>What one purge run has done so far, counted by its steps and written to its job-run record.</summary>
internal sealed class PurgeProgress
{
    private int _filesRemoved;

    public int WarningsSent { get; set; }
    public int DeclarationsDeleted { get; set; }
    public int DraftsDeleted { get; set; }

    /// <summary>The file threads count here while the purge's loop reads, hence atomically.</summary>
    public int FilesRemoved => Volatile.Read(ref _filesRemoved);

    public void AddFilesRemoved(int count) => Interlocked.Add(ref _filesRemoved, count);
}
