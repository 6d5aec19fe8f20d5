using System.Globalization;

namespace Portal.Bench;

internal enum SubmitFlow
{
    /// <summary>What a browser does: GET every page, then post its form (13 requests per submission).</summary>
    Browser,
    /// <summary>GET only the pages whose content the posts need: the start page (token) and the review page (captcha id). 9 requests.</summary>
    Minimal,
}

internal sealed record SubmitOptions(
    Uri BaseUrl,
    string Label,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Concurrency,
    SubmitFlow Flow,
    bool Thumbnails,
    bool BrowserEncoding,
    string CaptchaCode,
    string[] PhotoFiles,
    long MaxSubmissions,
    long MaxErrors,
    TimeSpan RequestTimeout,
    IReadOnlyList<(string Name, int Pid)> Watch,
    string? SummaryFile)
{
    private const string CaptchaAlphabet = "ACDEGHJKMNPQRUVWXY34679";

    public static SubmitOptions Parse(string[] args)
    {
        Uri? baseUrl = null;
        var label = "portal";
        var duration = 60.0;
        var warmup = 30.0;
        var concurrency = 16;
        var flow = SubmitFlow.Browser;
        var thumbnails = false;
        var browserEncoding = true;
        var captcha = "HK4RW";
        string? photos = null;
        var maxSubmissions = 1_000_000L;
        var maxErrors = 1_000L;
        var requestTimeout = 30.0;
        var watch = new List<(string, int)>();
        string? summaryFile = null;

        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option '{option}' needs a value");
            switch (option)
            {
                case "--base-url": baseUrl = new Uri(Value(), UriKind.Absolute); break;
                case "--label": label = Value(); break;
                case "--duration": duration = Seconds(option, Value(), allowZero: false); break;
                case "--warmup": warmup = Seconds(option, Value(), allowZero: true); break;
                case "--concurrency": concurrency = (int)Count(option, Value(), max: 1024); break;
                case "--flow":
                    flow = Value() switch
                    {
                        "browser" => SubmitFlow.Browser,
                        "minimal" => SubmitFlow.Minimal,
                        var other => throw new ArgumentException($"--flow is browser or minimal, not '{other}'"),
                    };
                    break;
                case "--thumbnails": thumbnails = true; break;
                case "--accept-encoding":
                    browserEncoding = Value() switch
                    {
                        "browser" => true,
                        "none" => false,
                        var other => throw new ArgumentException($"--accept-encoding is browser or none, not '{other}'"),
                    };
                    break;
                case "--captcha": captcha = Value(); break;
                case "--photos": photos = Value(); break;
                case "--max-submissions": maxSubmissions = Count(option, Value(), max: long.MaxValue); break;
                case "--max-errors": maxErrors = Count(option, Value(), max: long.MaxValue); break;
                case "--request-timeout": requestTimeout = Seconds(option, Value(), allowZero: false); break;
                case "--watch":
                    var pair = Value().Split('=', 2);
                    if (pair.Length != 2 || pair[0].Length == 0 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
                        throw new ArgumentException("--watch takes NAME=PID, e.g. --watch app=1234");
                    watch.Add((pair[0], pid));
                    break;
                case "--summary-file": summaryFile = Value(); break;
                default: throw new ArgumentException($"unknown option '{option}'");
            }
        }

        if (baseUrl is null) throw new ArgumentException("--base-url is required");
        // The driver only ever loads a portal on this machine.
        if (baseUrl.Scheme != Uri.UriSchemeHttp || baseUrl.Host != "127.0.0.1")
            throw new ArgumentException($"--base-url must be http://127.0.0.1:PORT, not '{baseUrl}'");
        if (captcha.Length != 5 || !captcha.All(c => CaptchaAlphabet.Contains(char.ToUpperInvariant(c))))
            throw new ArgumentException($"--captcha must be 5 characters from {CaptchaAlphabet} (the app's Captcha:FixedCode)");

        var photoDirectory = photos ?? Path.Combine(FindRepoRoot(), "bench", "fixtures");
        var photoFiles = new[] { "photo-1.jpg", "photo-2.jpg", "photo-3.jpg" }.Select(f => Path.Combine(photoDirectory, f)).ToArray();
        foreach (var file in photoFiles)
        {
            if (!File.Exists(file)) throw new ArgumentException($"photo {file} not found (--photos DIR must hold photo-1.jpg, photo-2.jpg, photo-3.jpg)");
        }

        return new SubmitOptions(new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + "/"), label, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup),
            concurrency, flow, thumbnails, browserEncoding, captcha, photoFiles, maxSubmissions, maxErrors, TimeSpan.FromSeconds(requestTimeout), watch, summaryFile);
    }

    private static double Seconds(string option, string text, bool allowZero)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || (!allowZero && seconds == 0) || seconds > 86_400)
            throw new ArgumentException($"{option} takes seconds{(allowZero ? "" : " above 0")}, not '{text}'");
        return seconds;
    }

    private static long Count(string option, string text, long max)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > max)
            throw new ArgumentException($"{option} takes a whole number from 1 to {max}, not '{text}'");
        return count;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        }
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        }
        throw new ArgumentException("Portal.sln not found above the program or the current directory; pass --photos DIR");
    }
}
