using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Review;

namespace Portal.Bench;

/// <summary>
/// In các hồ sơ đã chọn of COUNT declarations, as the queue page runs it: the scope check and load, every Mẫu 01 rendered
/// and merged into one PDF, the views recorded in one save, the file written to the print store. After one warm-up print
/// of WARMUP declarations, RUNS timed prints of the same COUNT, on the embedded SQLite database.
/// </summary>
public static class BatchPrintBench
{
    public const string Usage = "usage: Portal.Bench batch-print [--count N] [--warmup N] [--runs N] [--photo FILE.jpg] [--out FILE.pdf]";

    public static async Task<int> RunAsync(string[] args)
    {
        int count = 200, warmup = 20, runs = 3;
        string? photoPath = null, outPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup" when i + 1 < args.Length: warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--photo" when i + 1 < args.Length: photoPath = args[++i]; break;
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (count is < 1 or > BatchPrint.MaxDeclarations || warmup < 1 || runs < 1)
        {
            Console.Error.WriteLine($"batch-print: --count must be 1–{BatchPrint.MaxDeclarations} (the page's cap), --warmup and --runs at least 1");
            return 2;
        }
        photoPath ??= Path.Combine(PdfRenderBench.FindRepoRoot(), "tests/Portal.Infrastructure.Tests/Fixtures/portrait-300x400.jpg");
        var photo = await File.ReadAllBytesAsync(photoPath);

        var dataDirectory = Directory.CreateTempSubdirectory("portal-batch-bench-").FullName;
        try
        {
            using var host = await BenchPortal.StartAsync(dataDirectory);
            var staff = new StaffScope(Guid.NewGuid(), "canbo.dongda", new HashSet<string> { "00106" });
            Console.Error.WriteLine($"batch-print: seeding {warmup} + {count} declarations");
            var warm = await BenchPortal.SeedDeclarationsAsync(host.Services, warmup, photo, sequenceFrom: 1, queueEmail: false);
            var ids = await BenchPortal.SeedDeclarationsAsync(host.Services, count, photo, sequenceFrom: warmup + 1, queueEmail: false);
            await PrintAsync(host.Services, warm, staff);

            var loadBefore = PdfRenderBench.LoadAverage();
            var results = new List<(double Seconds, double CpuSeconds, PrintFile File, int Pages, long PeakRss, long Allocated)>();
            for (var run = 0; run < runs; run++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var rssBefore = ResetPeakRss();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var started = Stopwatch.GetTimestamp();
                var (file, pages) = await PrintAsync(host.Services, ids, staff);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                results.Add((seconds, (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds, file, pages, PeakRss() - rssBefore,
                    GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore));
                Console.Error.WriteLine(FormattableString.Invariant($"batch-print: run {run + 1}: {seconds:F2} s"));
            }

            var store = host.Services.GetRequiredService<PrintFileStore>();
            var last = results[^1].File;
            long bytesOnDisk;
            int pagesOnDisk;
            await using (var pdf = store.Open(staff.UserId, last.Token)!)
            {
                bytesOnDisk = pdf.Length;
                using var copy = new MemoryStream();
                await pdf.CopyToAsync(copy);
                copy.Position = 0;
                using var document = PdfReader.Open(copy, PdfDocumentOpenMode.Import);
                pagesOnDisk = document.PageCount;
                if (outPath is not null) await File.WriteAllBytesAsync(outPath, copy.ToArray());
            }

            var sorted = results.OrderBy(r => r.Seconds).ToList();
            var median = sorted[sorted.Count / 2];
            Console.WriteLine(FormattableString.Invariant(
                $"batch print         : {count} declarations in {median.Seconds:F2} s (median of {runs}: {string.Join(", ", results.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} s), {median.Seconds * 1000 / count:F1} ms each"));
            Console.WriteLine(FormattableString.Invariant(
                $"cpu                 : {median.CpuSeconds:F2} s of the process ({median.CpuSeconds * 1000 / count:F1} ms per declaration: render, merge, database, file)"));
            Console.WriteLine(FormattableString.Invariant(
                $"pdf                 : {bytesOnDisk / 1024.0 / 1024.0:F1} MB ({bytesOnDisk:N0} bytes, {bytesOnDisk / 1024.0 / count:F0} KB per declaration), {pagesOnDisk} pages"));
            Console.WriteLine(FormattableString.Invariant(
                $"memory              : peak RSS +{results.Max(r => r.PeakRss) / 1024.0 / 1024.0:F0} MB over the idle process during a print, {median.Allocated / 1024.0 / 1024.0:F0} MB allocated per print"));
            Console.WriteLine(FormattableString.Invariant(
                $"settings            : portrait {photo.Length / 1024.0:F0} KB, warm-up print of {warmup}, SQLite, server GC, {Environment.ProcessorCount} cores, load avg before {loadBefore}"));
            return pagesOnDisk == results[^1].Pages && results.All(r => r.Pages >= count) ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>What the queue page's job does, without the circuit: one DI scope, select, print into the store, commit.</summary>
    private static async Task<(PrintFile File, int Pages)> PrintAsync(IServiceProvider services, IReadOnlyCollection<Guid> ids, StaffScope staff)
    {
        await using var scope = services.CreateAsyncScope();
        var print = scope.ServiceProvider.GetRequiredService<BatchPrint>();
        var selection = await print.SelectAsync(ids, staff);
        await using var draft = scope.ServiceProvider.GetRequiredService<PrintFileStore>().Create(staff.UserId);
        var pages = await print.PrintAsync(selection, staff, draft.Content);
        return (await draft.CommitAsync(), pages);
    }

    /// <summary>Resets the kernel's peak resident size of this process (Linux: 5 to /proc/self/clear_refs) and returns the current one.</summary>
    private static long ResetPeakRss()
    {
        if (File.Exists("/proc/self/clear_refs")) File.WriteAllText("/proc/self/clear_refs", "5");
        return StatusKilobytes("VmRSS:") * 1024;
    }

    private static long PeakRss() => StatusKilobytes("VmHWM:") * 1024;

    private static long StatusKilobytes(string field) =>
        File.Exists("/proc/self/status")
            ? long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0],
                CultureInfo.InvariantCulture)
            : 0;
}
