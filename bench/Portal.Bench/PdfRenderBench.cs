using System.Diagnostics;
using System.Globalization;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Pdf;

namespace Portal.Bench;

/// <summary>Times <see cref="Mau01PdfRenderer.Render"/> on one sample declaration with a ~70 KB portrait.</summary>
internal static class PdfRenderBench
{
    private const string DefaultPhoto = "tests/Portal.Infrastructure.Tests/Fixtures/portrait-300x400.jpg";

    public static int Run(string[] args)
    {
        var renders = 200;
        var warmup = 20;
        string? photoPath = null;
        string? outPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--renders" when i + 1 < args.Length: renders = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup" when i + 1 < args.Length: warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--photo" when i + 1 < args.Length: photoPath = args[++i]; break;
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                default:
                    Console.Error.WriteLine($"pdf: unknown or incomplete option '{args[i]}'");
                    return 2;
            }
        }
        if (renders < 1 || warmup < 1)
        {
            Console.Error.WriteLine("pdf: --renders must be at least 1 and --warmup at least 1 (the first render is one)");
            return 2;
        }

        photoPath ??= Path.Combine(FindRepoRoot(), DefaultPhoto);
        var document = Sample(File.ReadAllBytes(photoPath));
        var loadBefore = LoadAverage();
        var firstStarted = Stopwatch.GetTimestamp();
        var renderer = new Mau01PdfRenderer();
        var pdf = renderer.Render(document);
        var first = Stopwatch.GetElapsedTime(firstStarted).TotalMilliseconds;
        for (var i = 1; i < warmup; i++)
        {
            pdf = renderer.Render(document);
        }
        var milliseconds = new double[renders];
        var cpuBefore = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < renders; i++)
        {
            var started = Stopwatch.GetTimestamp();
            pdf = renderer.Render(document);
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var cpuPerRender = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / renders;
        Array.Sort(milliseconds);

        if (outPath is not null)
        {
            File.WriteAllBytes(outPath, pdf);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pdf render: median {Percentile(milliseconds, 0.5):F2} ms, p95 {Percentile(milliseconds, 0.95):F2} ms, size {pdf.Length} bytes ({renders} renders)"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  first render {first:F0} ms (fonts, JIT); process CPU {cpuPerRender:F2} ms per render (all threads, GC included); load average before {loadBefore}; photo {photoPath} ({new FileInfo(photoPath).Length} bytes), warm-up {warmup} renders, {Environment.ProcessorCount} cores, fonts {string.Join(", ", PdfSharpSetup.FontFiles)}"));
        return 0;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    internal static double Percentile(double[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory + "; pass --photo FILE.jpg");
    }

    private static Mau01Document Sample(byte[] portrait) => new(
        RecordNumber: "GD/2026/00042",
        Kind: DeclarationKind.Individual,
        DeclaredOn: new DateOnly(2026, 3, 5),
        PlaceName: "Hà Nội",
        FullName: "Nguyễn Thị Hồng Nhung",
        MaSoBhxh: "0113098765",
        IdentityNumber: "001190012345",
        GuardianMaSoBhxh: null,
        GuardianIdentityNumber: null,
        Address: "Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội",
        ContactPerson: "Nguyễn Thị Hồng Nhung",
        Email: "nhung.nth@example.vn",
        MobilePhone: "0983847986",
        UseFrom: new DateOnly(2026, 3, 10),
        Channel: TransactionChannel.BhxhPortal,
        IvanName: null,
        OfficeName: "BHXH Quận Đống Đa",
        OfficeAddress: "Phố Trần Hữu Tước, phường Nam Đồng, quận Đống Đa, Hà Nội",
        OfficePhone: "024 3851 2345",
        SubmissionMethod: SubmissionMethod.AtOffice,
        Portrait: new Mau01Photo(portrait, PhotoFormat.Jpeg),
        QrPayload: "https://portal.example.vn/can-bo/ho-so/GD_2026_00042");
}
