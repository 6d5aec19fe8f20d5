using System.Runtime.InteropServices;

namespace Portal.Infrastructure.Files;

/// <summary>Lets a thread doing background work give way to the threads serving people.</summary>
internal static class BackgroundThread
{
    /// <summary>The nice value for background threads: the scheduler then runs them mostly when request threads and the database have had their share.</summary>
    public const int Niceness = 19;

    /// <summary>Lowers the calling thread's scheduling priority; on Linux the nice value is per thread. Elsewhere it does nothing.</summary>
    public static void LowerCurrentPriority()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Raising one's own nice value needs no privilege; failure only means normal priority.
        _ = SetPriority(ProcessScope, 0, Niceness);
    }

    /// <summary>The calling thread's nice value (Linux), for tests.</summary>
    public static int CurrentNiceness() =>
        OperatingSystem.IsLinux() ? GetPriority(ProcessScope, 0) : 0;

    private const int ProcessScope = 0; // PRIO_PROCESS; with who = 0, Linux applies it to the calling thread

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "getpriority")]
    private static extern int GetPriority(int which, int who);
}
