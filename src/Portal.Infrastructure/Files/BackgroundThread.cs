using System.Runtime.InteropServices;

namespace Portal.Infrastructure.Files;

/// <summary>Lets a thread doing background work give way to the threads serving people.</summary>
internal static class BackgroundThread
{
    /// <summary>The nice value for background threads: the scheduler then runs them mostly when request threads and the database have had their share.</summary>
    public const int Niceness = 19;

    /// <summary>Linux's SCHED_IDLE policy: the thread runs only on a processor nothing else wants.</summary>
    public const int IdlePolicy = 5;

    /// <summary>
    /// Puts the calling thread in Linux's idle scheduling class, or where that is refused at nice 19; both
    /// are per thread on Linux. Elsewhere it does nothing. At nice 19 alone a thread inside a system call
    /// still kept its processor for a whole time slice when a request thread woke up: the idle class
    /// gives way at once.
    /// </summary>
    public static void LowerCurrentPriority()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Lowering one's own priority needs no privilege; a refusal (a seccomp profile, say) only means a higher priority.
        _ = SetPriority(ProcessScope, 0, Niceness);
        var parameters = new SchedulingParameters();
        _ = SetScheduler(0, IdlePolicy, ref parameters);
    }

    /// <summary>The calling thread's scheduling policy (Linux; 0 is the normal one), for tests.</summary>
    public static int CurrentPolicy() =>
        OperatingSystem.IsLinux() ? GetScheduler(0) : 0;

    /// <summary>The calling thread's nice value (Linux), for tests.</summary>
    public static int CurrentNiceness() =>
        OperatingSystem.IsLinux() ? GetPriority(ProcessScope, 0) : 0;

    private const int ProcessScope = 0; // PRIO_PROCESS; with who = 0, Linux applies it to the calling thread

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "getpriority")]
    private static extern int GetPriority(int which, int who);

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedulingParameters
    {
        public int Priority;
    }

    // With pid 0 both apply to the calling thread only.
    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    private static extern int SetScheduler(int pid, int policy, ref SchedulingParameters parameters);

    [DllImport("libc", EntryPoint = "sched_getscheduler")]
    private static extern int GetScheduler(int pid);
}
