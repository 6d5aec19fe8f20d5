using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Portal.Infrastructure.Accounts;

namespace Portal.Bench;

/// <summary>
/// The CPU cost of Đăng nhập's expensive part: one <see cref="PasswordHasher{TUser}.VerifyHashedPassword"/> with
/// Identity's default options (format v3, PBKDF2), single-threaded, then as many at once as there are cores.
/// </summary>
internal static class LoginBench
{
    public const string Usage = "usage: Portal.Bench login [--verifications N] [--warmup N] [--seconds S]";

    public static int Run(string[] args)
    {
        var verifications = 200;
        var warmup = 20;
        var seconds = 10.0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--verifications" when i + 1 < args.Length: verifications = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup" when i + 1 < args.Length: warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds" when i + 1 < args.Length: seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"login: unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (verifications < 1 || warmup < 1 || seconds <= 0)
        {
            Console.Error.WriteLine("login: --verifications and --warmup must be at least 1, --seconds above 0");
            return 2;
        }

        var options = new PasswordHasherOptions();
        var hasher = new PasswordHasher<PortalUser>();
        var user = new PortalUser("0123456780", "Nguyễn Văn An", "0912000009", null, null, DateTimeOffset.UtcNow);
        const string password = "MatKhau2026";
        var hash = hasher.HashPassword(user, password);
        var loadBefore = PdfRenderBench.LoadAverage();

        for (var i = 0; i < warmup; i++) Verify(hasher, user, hash, password);
        var milliseconds = new double[verifications];
        var cpuBefore = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < verifications; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Verify(hasher, user, hash, password);
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var cpuPerVerification = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / verifications;
        Array.Sort(milliseconds);

        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var done = 0L;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                Verify(hasher, user, hash, password);
                done++;
            }
            counts[t] = done;
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        var parallelCpuBefore = Environment.CpuUsage.TotalTime;
        var parallelStarted = Stopwatch.GetTimestamp();
        start.SignalAndWait();
        workers.ForEach(w => w.Join());
        var elapsed = Stopwatch.GetElapsedTime(parallelStarted).TotalSeconds;
        var total = counts.Sum();
        var parallelCpu = (Environment.CpuUsage.TotalTime - parallelCpuBefore).TotalMilliseconds / total;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"password verification: median {PdfRenderBench.Percentile(milliseconds, 0.5):F2} ms, p95 {PdfRenderBench.Percentile(milliseconds, 0.95):F2} ms, CPU {cpuPerVerification:F2} ms each (1 thread, {verifications} verifications)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"logins/s: {total / elapsed:F1} on {threads} cores ({threads} threads, {total} verifications in {elapsed:F1} s, CPU {parallelCpu:F2} ms each)"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  PasswordHasher<PortalUser> defaults: {options.CompatibilityMode}, PBKDF2-HMAC-SHA512, {options.IterationCount:N0} iterations, hash {hash.Length} chars; warm-up {warmup}; load average before {loadBefore}; .NET {Environment.Version}"));
        return 0;
    }

    private static void Verify(PasswordHasher<PortalUser> hasher, PortalUser user, string hash, string password)
    {
        if (hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Success)
            throw new InvalidOperationException("The password did not verify.");
    }
}
