using Portal.Infrastructure.Files;

namespace Portal.Infrastructure.Tests.Files;

public sealed class BackgroundThreadTests
{
    [Fact]
    public void Lowering_a_thread_puts_it_in_the_idle_class_at_nice_19_and_leaves_the_other_threads_alone()
    {
        if (!OperatingSystem.IsLinux()) return;
        var niceBefore = BackgroundThread.CurrentNiceness();
        var policyBefore = BackgroundThread.CurrentPolicy();
        int lowered = int.MinValue, policy = int.MinValue;
        var worker = new Thread(() =>
        {
            BackgroundThread.LowerCurrentPriority();
            lowered = BackgroundThread.CurrentNiceness();
            policy = BackgroundThread.CurrentPolicy();
        });
        worker.Start();
        worker.Join();

        Assert.Equal(BackgroundThread.Niceness, lowered);
        Assert.Equal(BackgroundThread.IdlePolicy, policy);
        // Both are per thread on Linux: the test's own thread (and the web's request threads) keep theirs.
        Assert.Equal(niceBefore, BackgroundThread.CurrentNiceness());
        Assert.Equal(policyBefore, BackgroundThread.CurrentPolicy());
        Assert.NotEqual(BackgroundThread.Niceness, niceBefore);
        Assert.NotEqual(BackgroundThread.IdlePolicy, policyBefore);
    }
}
