using System.Diagnostics;
using System.Globalization;
using static Portal.Bench.SubmitBench;

namespace Portal.Bench;

/// <summary>What the workers report: counts during warm-up, and during the measured window every completed submission's timings.</summary>
internal sealed class RunState(SubmitOptions options)
{
    private readonly Lock _lock = new();
    private long _number;
    private bool _measuring;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long MeasureStart { get; private set; }
    public long MeasureEnd { get; private set; }
    public long WarmupCompleted { get; private set; }
    public long WarmupErrors { get; private set; }
    public List<double> Latencies { get; } = [];
    public List<(double[] Timings, long[] Bytes)> Legs { get; } = [];
    public long Errors { get; private set; }
    public Dictionary<(Leg Leg, string Reason), long> ErrorReasons { get; } = [];

    public long NextNumber() => Interlocked.Increment(ref _number);

    public void StartMeasuring()
    {
        lock (_lock)
        {
            MeasureStart = Stopwatch.GetTimestamp();
            _measuring = true;
        }
    }

    public void StopMeasuring()
    {
        lock (_lock)
        {
            if (!_measuring) return;
            MeasureEnd = Stopwatch.GetTimestamp();
            _measuring = false;
        }
    }

    public void Completed(long started, long ended, double[] timings, long[] bytes)
    {
        lock (_lock)
        {
            if (!_measuring)
            {
                if (MeasureEnd == 0) WarmupCompleted++;
                return;
            }
            Latencies.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
            Legs.Add((timings, bytes));
            if (Latencies.Count >= options.MaxSubmissions) Done.TrySetResult();
        }
    }

    public void Failed(Leg leg, string reason)
    {
        lock (_lock)
        {
            if (_measuring)
            {
                Errors++;
                ErrorReasons[(leg, reason)] = ErrorReasons.GetValueOrDefault((leg, reason)) + 1;
            }
            else if (MeasureEnd == 0)
            {
                WarmupErrors++;
                ErrorReasons[(leg, "(warm-up) " + reason)] = ErrorReasons.GetValueOrDefault((leg, "(warm-up) " + reason)) + 1;
            }
            if (Errors + WarmupErrors >= options.MaxErrors) Aborted.TrySetResult();
        }
    }
}

/// <summary>CPU time so far: of this process, of each watched process with its descendants (from /proc), and of the whole machine.</summary>
internal sealed record CpuSnapshot(long Timestamp, TimeSpan Driver, IReadOnlyList<(string Name, int Pid, double Seconds)> Watched, MachineCpu? Machine)
{
    /// <summary>USER_HZ: the unit of /proc times, 100 on every mainstream Linux.</summary>
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(IReadOnlyList<(string Name, int Pid)> watch)
    {
        var processes = ReadProcesses();
        var watched = watch.Select(w => (w.Name, w.Pid, TreeTicks(processes, w.Pid) / TicksPerSecond)).ToList();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, watched, MachineCpu.Read());
    }

    /// <summary>pid → (parent, own user+system ticks, reaped children's ticks).</summary>
    private static Dictionary<int, (int Parent, long Own, long Reaped)> ReadProcesses()
    {
        var result = new Dictionary<int, (int, long, long)>();
        if (!Directory.Exists("/proc")) return result;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // Fields after "(comm)": state ppid … utime(14) stime(15) cutime(16) cstime(17), counted from 1 over the whole line.
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (f.Length < 15) continue;
            long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
            result[pid] = (int.Parse(f[1], CultureInfo.InvariantCulture), L(11) + L(12), L(13) + L(14));
        }
        return result;
    }

    private static double TreeTicks(Dictionary<int, (int Parent, long Own, long Reaped)> processes, int root)
    {
        if (!processes.ContainsKey(root)) return double.NaN;
        var children = processes.ToLookup(p => p.Value.Parent, p => p.Key);
        long total = 0;
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            var (_, own, reaped) = processes[pid];
            total += own + reaped;
            foreach (var child in children[pid]) pending.Push(child);
        }
        return total;
    }
}

internal sealed record MachineCpu(double Busy, double User, double System, double IoWait, double Total)
{
    public static MachineCpu? Read()
    {
        if (!File.Exists("/proc/stat")) return null;
        var line = File.ReadLines("/proc/stat").First();
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture) / 100.0).ToArray();
        // user nice system idle iowait irq softirq steal
        var total = f.Sum();
        return new MachineCpu(total - f[3] - f[4], f[0] + f[1], f[2] + f[5] + f[6], f[4], total);
    }
}

internal sealed class Report
{
    private readonly SubmitOptions _options;
    private readonly RunState _run;
    private readonly double _seconds;
    private readonly double[] _sorted;
    private readonly CpuSnapshot _before, _after;
    private readonly double _probeMs;

    private Report(SubmitOptions options, RunState run, CpuSnapshot before, CpuSnapshot after, double probeMs)
    {
        (_options, _run, _before, _after, _probeMs) = (options, run, before, after, probeMs);
        _seconds = Stopwatch.GetElapsedTime(run.MeasureStart, run.MeasureEnd).TotalSeconds;
        _sorted = [.. run.Latencies.Order()];
    }

    public static Report From(SubmitOptions options, RunState run, CpuSnapshot before, CpuSnapshot after, double probeMs) =>
        new(options, run, before, after, probeMs);

    private long Completed => _sorted.Length;
    private double Rate => _seconds > 0 ? Completed / _seconds : 0;
    private double DriverCpu => (_after.Driver - _before.Driver).TotalSeconds;

    private double P(double share) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(share * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    private static double P(List<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    public void Print(TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        var requests = (_options.Flow == SubmitFlow.Browser ? 13 : 9) + (_options.Thumbnails ? 3 : 0);
        o.WriteLine(string.Create(inv, $"submit benchmark [{_options.Label}]"));
        o.WriteLine(string.Create(inv, $"  flow           {(_options.Flow == SubmitFlow.Browser ? "browser (GET + POST every step)" : "minimal (GETs of steps 1-4 skipped)")}, {requests} requests per submission{(_options.Thumbnails ? " (3 of them thumbnails)" : "")}, Accept-Encoding {(_options.BrowserEncoding ? "gzip, deflate, br" : "none")}"));
        o.WriteLine(string.Create(inv, $"  load           {_options.Concurrency} concurrent citizens, warm-up {_options.Warmup.TotalSeconds:0} s ({_run.WarmupCompleted} submissions, {_run.WarmupErrors} errors, not counted), measured {_seconds:F1} s"));
        o.WriteLine(string.Create(inv, $"  completed      {Completed} submissions"));
        o.WriteLine(string.Create(inv, $"  throughput     {Rate:F1} submissions/s"));
        o.WriteLine(string.Create(inv, $"  errors         {_run.Errors}{(_run.Aborted.Task.IsCompleted ? $" (stopped early: --max-errors {_options.MaxErrors} reached, warm-up included)" : "")}"));
        o.WriteLine(string.Create(inv, $"  latency        p50 {P(0.50):F0} ms, p95 {P(0.95):F0} ms, p99 {P(0.99):F0} ms, max {P(1):F0} ms (complete submission)"));
        foreach (var ((leg, reason), count) in _run.ErrorReasons.OrderByDescending(e => e.Value).Take(8))
            o.WriteLine(string.Create(inv, $"  error × {count,-6} {Describe(leg)}: {reason}"));

        if (_seconds < 1)
        {
            o.WriteLine("  (no measurement: the run stopped before the measured window began)");
            return;
        }
        if (Completed > 0)
        {
            var meanTotal = _sorted.Average();
            o.WriteLine("  per request (completed submissions)      mean ms   p50 ms   p95 ms  share  resp. bytes");
            foreach (var leg in Enum.GetValues<Leg>())
            {
                var values = _run.Legs.Select(l => l.Timings[(int)leg]).Where(v => !double.IsNaN(v)).Order().ToList();
                if (values.Count == 0) continue;
                var bytes = _run.Legs.Where(l => !double.IsNaN(l.Timings[(int)leg])).Average(l => (double)l.Bytes[(int)leg]);
                o.WriteLine(string.Create(inv, $"    {Describe(leg),-38} {values.Average(),8:F1} {P(values, 0.5),8:F1} {P(values, 0.95),8:F1} {100 * values.Average() / meanTotal,5:F1}% {bytes,12:N0}"));
            }
            o.WriteLine(string.Create(inv, $"    {"complete submission",-38} {meanTotal,8:F1} {P(0.5),8:F1} {P(0.95),8:F1}"));
        }

        var cores = Environment.ProcessorCount;
        o.WriteLine(string.Create(inv, $"  cpu probe      {_probeMs:F0} ms to sort 1 M integers and fill a dictionary on one thread before the load (lower = faster CPU; compare runs with it)"));
        o.WriteLine(string.Create(inv, $"  cpu            measured window, {cores} cores = {cores * 100} %; ms of CPU per completed submission"));
        CpuLine(o, $"driver (pid {Environment.ProcessId})", DriverCpu);
        var watched = 0.0;
        for (var i = 0; i < _after.Watched.Count; i++)
        {
            var (name, pid, after) = _after.Watched[i];
            var seconds = after - _before.Watched[i].Seconds;
            watched += double.IsNaN(seconds) ? 0 : seconds;
            CpuLine(o, $"{name} (pid {pid}{(name == "app" ? "" : " + children")})", seconds);
        }
        if (_before.Machine is { } m0 && _after.Machine is { } m1)
        {
            var busy = m1.Busy - m0.Busy;
            var other = busy - DriverCpu - watched;
            CpuLine(o, "everything else", other);
            o.WriteLine(string.Create(inv,
                $"    {"machine busy",-30} {100 * busy / _seconds,6:F0} %   (user {100 * (m1.User - m0.User) / _seconds:F0} %, system+irq {100 * (m1.System - m0.System) / _seconds:F0} %, iowait {100 * (m1.IoWait - m0.IoWait) / _seconds:F0} %)"));
            // Kernel work for loopback traffic and short-lived helpers is a few per cent; more means another job shared the cores.
            if (_after.Watched.Count > 0 && other / _seconds > 0.15)
                o.WriteLine(string.Create(inv, $"  warning        other processes used {100 * other / _seconds:F0} % CPU during the window: the machine was not quiet, the throughput above is low"));
        }
    }

    private void CpuLine(TextWriter o, string name, double seconds) =>
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {name,-30} {100 * seconds / _seconds,6:F0} %   {(Completed > 0 ? 1000 * seconds / Completed : double.NaN),7:F1} ms/submission"));

    /// <summary>One tab-separated line for bench/submit.sh's table.</summary>
    public string SummaryLine()
    {
        double Pct(double seconds) => 100 * seconds / _seconds;
        var app = _after.Watched.Count > 0 ? _after.Watched[0].Seconds - _before.Watched[0].Seconds : double.NaN;
        var db = _after.Watched.Count > 1 ? _after.Watched[1].Seconds - _before.Watched[1].Seconds : double.NaN;
        var busy = _before.Machine is { } m0 && _after.Machine is { } m1 ? m1.Busy - m0.Busy : double.NaN;
        return string.Join('\t', new object[]
        {
            _options.Label, _options.Flow.ToString().ToLowerInvariant(), _options.Concurrency, Completed, _seconds.ToString("F1", CultureInfo.InvariantCulture),
            Rate.ToString("F1", CultureInfo.InvariantCulture), _run.Errors,
            P(0.50).ToString("F0", CultureInfo.InvariantCulture), P(0.95).ToString("F0", CultureInfo.InvariantCulture), P(0.99).ToString("F0", CultureInfo.InvariantCulture),
            Pct(app).ToString("F0", CultureInfo.InvariantCulture), Pct(db).ToString("F0", CultureInfo.InvariantCulture),
            Pct(DriverCpu).ToString("F0", CultureInfo.InvariantCulture), Pct(busy).ToString("F0", CultureInfo.InvariantCulture),
            _probeMs.ToString("F0", CultureInfo.InvariantCulture),
        }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
    }
}
