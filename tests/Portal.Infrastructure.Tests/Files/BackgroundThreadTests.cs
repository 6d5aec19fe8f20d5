using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Tests.Files;

public sealed class BackgroundThreadTests
{
    [Fact]
    public void Lowering_a_thread_sets_its_own_nice_value_and_leaves_the_other_threads_alone()
    {
        if (!OperatingSystem.IsLinux()) return;
        var before = BackgroundThread.CurrentNiceness();
        var lowered = int.MinValue;
        var worker = new Thread(() =>
        {
            BackgroundThread.LowerCurrentPriority();
            lowered = BackgroundThread.CurrentNiceness();
        });
        worker.Start();
        worker.Join();

        Assert.Equal(BackgroundThread.Niceness, lowered);
        // The nice value is per thread on Linux: the test's own thread (and the web's request threads) keep theirs.
        Assert.Equal(before, BackgroundThread.CurrentNiceness());
        Assert.NotEqual(BackgroundThread.Niceness, before);
    }
}
