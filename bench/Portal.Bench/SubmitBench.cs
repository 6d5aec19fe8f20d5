using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Bench;

/// <summary>
/// Drives complete Mẫu 01 submissions over HTTP against a running portal on 127.0.0.1 and reports
/// submissions per second, errors, latency percentiles, a per-request breakdown and the CPU split.
/// Each submission is a new simulated citizen with its own cookies; see bench/README.md.
/// </summary>
internal static partial class SubmitBench
{
    public const string Usage =
        "usage: Portal.Bench submit --base-url http://127.0.0.1:PORT [--duration 60] [--warmup 30] [--concurrency 16] [--label NAME]\n" +
        "         [--flow browser|minimal] [--thumbnails] [--accept-encoding browser|none] [--captcha CODE] [--photos DIR]\n" +
        "         [--max-submissions N] [--max-errors N] [--request-timeout 30] [--watch NAME=PID]... [--summary-file FILE]";

    public static int Run(string[] args)
    {
        SubmitOptions options;
        try
        {
            options = SubmitOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"submit: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(SubmitOptions options)
    {
        var photos = options.PhotoFiles.Select(File.ReadAllBytes).ToArray();
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // each 302 is checked against the step it must lead to
            UseCookies = false,        // cookies are kept per simulated citizen, see Citizen
            UseProxy = false,
            AutomaticDecompression = options.BrowserEncoding ? DecompressionMethods.All : DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
        };
        using var http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = options.RequestTimeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Portal.Bench/1.0 (submit)");
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi-VN,vi;q=0.9");

        if (!await HealthyAsync(http))
        {
            Console.Error.WriteLine($"submit: {options.BaseUrl}healthz does not answer 200");
            return 1;
        }

        // A fixed single-thread workload before the load starts: on a shared or virtual machine the same code runs
        // noticeably faster or slower from hour to hour, and this tells runs apart that are not comparable.
        var probeMs = CpuProbe();
        var run = new RunState(options);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  - submit [{options.Label}]: {options.Concurrency} citizens, warm-up {options.Warmup.TotalSeconds:0} s, measuring {options.Duration.TotalSeconds:0} s against {options.BaseUrl}"));

        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Task.Run(() => WorkerAsync(http, options, photos, run, stop.Token)))
            .ToArray();

        // Warm-up: the app, the driver and the database JIT and fill their pools; nothing counts.
        await Task.WhenAny(Task.Delay(options.Warmup), run.Aborted.Task);
        var cpuBefore = CpuSnapshot.Take(options.Watch);
        run.StartMeasuring();
        await Task.WhenAny(Task.Delay(options.Duration), run.Done.Task, run.Aborted.Task);
        run.StopMeasuring();
        var cpuAfter = CpuSnapshot.Take(options.Watch);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var report = Report.From(options, run, cpuBefore, cpuAfter, probeMs);
        report.Print(Console.Out);
        if (options.SummaryFile is not null)
            await File.AppendAllTextAsync(options.SummaryFile, report.SummaryLine() + "\n");
        return run.Aborted.Task.IsCompleted ? 1 : 0;
    }

    /// <summary>Best of 3 wall-clock timings, in ms, of sorting 1 M integers and filling and reading a dictionary with 256 K of them, on one thread.</summary>
    private static double CpuProbe()
    {
        var random = new Random(42);
        var numbers = new int[1 << 20];
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < numbers.Length; i++) numbers[i] = random.Next();
            var started = Stopwatch.GetTimestamp();
            Array.Sort(numbers);
            var map = new Dictionary<int, int>();
            for (var i = 0; i < numbers.Length; i += 4) map[numbers[i]] = i;
            long sum = 0;
            for (var i = 0; i < numbers.Length; i += 4) sum += map[numbers[i]];
            GC.KeepAlive(sum);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return best;
    }

    private static async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/healthz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WorkerAsync(HttpClient http, SubmitOptions options, byte[][] photos, RunState run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var number = run.NextNumber();
            var citizen = new Citizen(http, options, photos, number);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await citizen.SubmitAsync(stop);
                run.Completed(started, Stopwatch.GetTimestamp(), citizen.Timings, citizen.Bytes);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the run is over; a submission cut short is neither done nor an error
            }
            catch (StepFailedException e)
            {
                run.Failed(e.Leg, e.Message);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                run.Failed(citizen.CurrentLeg, e is TaskCanceledException ? $"no answer within {options.RequestTimeout.TotalSeconds:0} s" : e.GetType().Name + ": " + e.Message);
            }
        }
    }

    /// <summary>The requests of one submission, in order.</summary>
    internal enum Leg
    {
        GetStart, PostStart,
        GetPhotos, PostPhotos,
        GetDetails, PostDetails,
        GetAddress, PostAddress,
        GetOffice, PostOffice,
        GetReview, GetThumbnails, PostReview,
        GetDone,
    }

    internal static string Describe(Leg leg) => leg switch
    {
        Leg.GetStart => "GET  /dang-ky",
        Leg.PostStart => "POST /dang-ky (start draft)",
        Leg.GetPhotos => "GET  /dang-ky/to-khai/1",
        Leg.PostPhotos => "POST /dang-ky/to-khai/1 (3 photos)",
        Leg.GetDetails => "GET  /dang-ky/to-khai/2",
        Leg.PostDetails => "POST /dang-ky/to-khai/2 (details)",
        Leg.GetAddress => "GET  /dang-ky/to-khai/3",
        Leg.PostAddress => "POST /dang-ky/to-khai/3 (address)",
        Leg.GetOffice => "GET  /dang-ky/to-khai/4",
        Leg.PostOffice => "POST /dang-ky/to-khai/4 (office)",
        Leg.GetReview => "GET  /dang-ky/to-khai/5 (captcha)",
        Leg.GetThumbnails => "GET  /dang-ky/anh/* (3 thumbnails)",
        Leg.PostReview => "POST /dang-ky/to-khai/5 (Ghi nhận)",
        Leg.GetDone => "GET  /dang-ky/hoan-tat",
        _ => leg.ToString(),
    };

    internal sealed class StepFailedException(Leg leg, string message) : Exception(message)
    {
        public Leg Leg { get; } = leg;
    }

    /// <summary>One person filling in Mẫu 01 from the start: own cookies, distinct data derived from <paramref name="number"/>.</summary>
    private sealed class Citizen(HttpClient http, SubmitOptions options, byte[][] photos, long number)
    {
        private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
        private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Thu", "Quốc", "Bảo", "Hồng", "Xuân"];
        private static readonly string[] GivenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Việt", "Yến"];

        private readonly CookieContainer _cookies = new();
        private readonly Uri _base = options.BaseUrl;

        public Leg CurrentLeg { get; private set; }
        /// <summary>Milliseconds per leg; NaN for a leg this flow does not make.</summary>
        public double[] Timings { get; } = Enumerable.Repeat(double.NaN, Enum.GetValues<Leg>().Length).ToArray();
        /// <summary>Decoded response bytes per leg.</summary>
        public long[] Bytes { get; } = new long[Enum.GetValues<Leg>().Length];

        public async Task SubmitAsync(CancellationToken cancellationToken)
        {
            var browser = options.Flow == SubmitFlow.Browser;
            var hidden = HiddenFields(Leg.GetStart, (await SendAsync(Leg.GetStart, HttpMethod.Get, "/dang-ky", null, cancellationToken)).Body);
            await PostAsync(Leg.PostStart, "/dang-ky", hidden, [("Kind", "Individual")], [], "/dang-ky/to-khai/1", cancellationToken);
            // The antiforgery token belongs to the cookie, not to the page, so the minimal flow can reuse the start page's.
            hidden["_handler"] = "mau01";

            string[] stepPaths = ["/dang-ky/to-khai/1", "/dang-ky/to-khai/2", "/dang-ky/to-khai/3", "/dang-ky/to-khai/4", "/dang-ky/to-khai/5"];
            Leg[] getLegs = [Leg.GetPhotos, Leg.GetDetails, Leg.GetAddress, Leg.GetOffice];
            Leg[] postLegs = [Leg.PostPhotos, Leg.PostDetails, Leg.PostAddress, Leg.PostOffice];
            for (var step = 0; step < 4; step++)
            {
                if (browser)
                    hidden = HiddenFields(getLegs[step], (await SendAsync(getLegs[step], HttpMethod.Get, stepPaths[step], null, cancellationToken)).Body);
                var (fields, files) = StepInput(step + 1);
                await PostAsync(postLegs[step], stepPaths[step], hidden, fields, files, stepPaths[step + 1], cancellationToken);
            }

            // The review page is always fetched: it issues the captcha whose id the post must return.
            var review = (await SendAsync(Leg.GetReview, HttpMethod.Get, stepPaths[4], null, cancellationToken)).Body;
            hidden = HiddenFields(Leg.GetReview, review);
            if (!hidden.ContainsKey("Input.CaptchaId"))
                throw new StepFailedException(Leg.GetReview, "review page has no Input.CaptchaId");
            if (options.Thumbnails)
                await GetThumbnailsAsync(review, cancellationToken);
            await PostAsync(Leg.PostReview, stepPaths[4], hidden,
                [("Input.Commitment", "true"), ("Input.CaptchaAnswer", options.CaptchaCode), ("Input.Action", "tiep")], [],
                "/dang-ky/hoan-tat", cancellationToken);

            var done = (await SendAsync(Leg.GetDone, HttpMethod.Get, "/dang-ky/hoan-tat", null, cancellationToken)).Body;
            if (!RecordNumberPattern().IsMatch(done))
                throw new StepFailedException(Leg.GetDone, "confirmation page shows no record number (.record-number GD/yyyy/nnnnn)");
        }

        private (List<(string, string)> Fields, List<(string, string, byte[])> Files) StepInput(int step)
        {
            var n = number;
            switch (step)
            {
                case 1:
                    return ([("Input.Action", "tiep")],
                        [("Input.Portrait", "chan-dung.jpg", photos[0]), ("Input.IdFront", "cccd-truoc.jpg", photos[1]), ("Input.IdBack", "cccd-sau.jpg", photos[2])]);
                case 2:
                    var name = $"{FamilyNames[n % FamilyNames.Length]} {MiddleNames[n / FamilyNames.Length % MiddleNames.Length]} {GivenNames[n / (FamilyNames.Length * MiddleNames.Length) % GivenNames.Length]}";
                    return ([
                        ("Input.FullName", name),
                        ("Input.MaSoBhxh", (1_000_000_000 + n % 9_000_000_000).ToString("D10", CultureInfo.InvariantCulture)),
                        ("Input.IdentityNumber", "0011" + (n % 100_000_000).ToString("D8", CultureInfo.InvariantCulture)),
                        ("Input.ContactPerson", name),
                        ("Input.Email", $"nguoi.thu.{n}@example.vn"),
                        ("Input.MobilePhone", "09" + (n % 100_000_000).ToString("D8", CultureInfo.InvariantCulture)),
                        ("Input.UseFrom", ""),
                        ("Input.Channel", "BhxhPortal"),
                        ("Input.IvanName", ""),
                        ("Input.Action", "tiep"),
                    ], []);
                case 3:
                    return ([
                        // The 2-tier address in force since 1 July 2025, the step's default: Thành phố Hà Nội › Phường Thanh Xuân.
                        ("Input.AddressScheme", "nq202-2025"),
                        ("Input.ProvinceCode", "01"),
                        ("Input.WardCode", "00367"),
                        ("Input.Street", $"Số {n % 300 + 1} ngõ {n % 97 + 1} phố Nguyễn Trãi"),
                        ("Input.Action", "tiep"),
                    ], []);
                default:
                    // SendEmail unchecked: a browser sends nothing for an unchecked box.
                    return ([("Input.OfficeCode", "00106"), ("Input.SubmissionMethod", "AtOffice"), ("Input.Action", "tiep")], []);
            }
        }

        private async Task PostAsync(Leg leg, string path, Dictionary<string, string> hidden, List<(string Name, string Value)> fields,
            List<(string Name, string FileName, byte[] Bytes)> files, string expectedNext, CancellationToken cancellationToken)
        {
            using var content = new MultipartFormDataContent();
            foreach (var (name, value) in hidden)
            {
                if (!fields.Exists(f => f.Name == name)) content.Add(new StringContent(value), name);
            }
            foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
            foreach (var (name, fileName, bytes) in files)
            {
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                content.Add(file, name, fileName);
            }
            var (status, location, body) = await SendAsync(leg, HttpMethod.Post, path, content, cancellationToken);
            if (status != HttpStatusCode.Redirect)
            {
                var why = status == HttpStatusCode.OK && FirstError(body) is { } error ? $"stayed on the page: {error}" : $"status {(int)status}";
                throw new StepFailedException(leg, why);
            }
            var target = location is null ? null : new Uri(_base, location).AbsolutePath;
            if (target != expectedNext)
                throw new StepFailedException(leg, $"redirected to {location ?? "(no Location)"} instead of {expectedNext}");
        }

        private async Task GetThumbnailsAsync(string review, CancellationToken cancellationToken)
        {
            var sources = ThumbnailPattern().Matches(review).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            if (sources.Count != photos.Length)
                throw new StepFailedException(Leg.GetThumbnails, $"review page shows {sources.Count} thumbnails instead of {photos.Length}");
            var started = Stopwatch.GetTimestamp();
            CurrentLeg = Leg.GetThumbnails;
            long bytes = 0;
            // A browser fetches the images of a page in parallel.
            var responses = await Task.WhenAll(sources.Select(async source =>
            {
                using var request = Request(HttpMethod.Get, source, null);
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body.Length);
            }));
            foreach (var (status, type, length) in responses)
            {
                if (status != HttpStatusCode.OK || type != "image/jpeg")
                    throw new StepFailedException(Leg.GetThumbnails, $"thumbnail answered {(int)status} {type}");
                bytes += length;
            }
            Timings[(int)Leg.GetThumbnails] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Bytes[(int)Leg.GetThumbnails] = bytes;
        }

        private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
        {
            var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content };
            var cookie = _cookies.GetCookieHeader(request.RequestUri!);
            if (cookie.Length > 0) request.Headers.Add("Cookie", cookie);
            return request;
        }

        private async Task<(HttpStatusCode Status, string? Location, string Body)> SendAsync(Leg leg, HttpMethod method, string path, HttpContent? content,
            CancellationToken cancellationToken)
        {
            CurrentLeg = leg;
            var started = Stopwatch.GetTimestamp();
            using var request = Request(method, path, content);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies) _cookies.SetCookies(request.RequestUri!, setCookie);
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            Timings[(int)leg] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Bytes[(int)leg] = bytes.Length;
            if (method == HttpMethod.Get && response.StatusCode != HttpStatusCode.OK)
                throw new StepFailedException(leg, $"status {(int)response.StatusCode}{(response.Headers.Location is { } l ? " to " + l : "")}");
            return (response.StatusCode, response.Headers.Location?.OriginalString, Encoding.UTF8.GetString(bytes));
        }

        /// <summary>The hidden inputs of the page's post form: _handler, __RequestVerificationToken and, on the review step, Input.CaptchaId.</summary>
        private static Dictionary<string, string> HiddenFields(Leg leg, string page)
        {
            var formStart = page.IndexOf("<form method=\"post\"", StringComparison.Ordinal);
            if (formStart < 0) throw new StepFailedException(leg, "page has no post form");
            var formEnd = page.IndexOf("</form>", formStart, StringComparison.Ordinal);
            var form = page.AsSpan(formStart, (formEnd < 0 ? page.Length : formEnd) - formStart);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var match in HiddenInputPattern().EnumerateMatches(form))
            {
                var tag = form.Slice(match.Index, match.Length).ToString();
                var name = AttributePattern("name").Match(tag);
                var value = AttributePattern("value").Match(tag);
                if (name.Success) fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups[1].Value : "");
            }
            if (!fields.ContainsKey("__RequestVerificationToken") || !fields.ContainsKey("_handler"))
                throw new StepFailedException(leg, "post form lacks _handler or __RequestVerificationToken");
            return fields;
        }

        private static string? FirstError(string page)
        {
            var match = ErrorItemPattern().Match(page);
            return match.Success ? WebUtility.HtmlDecode(TagPattern().Replace(match.Groups[1].Value, "")).Trim() : null;
        }

        private static Regex AttributePattern(string name) => name == "name" ? NameAttribute() : ValueAttribute();
    }

    [GeneratedRegex("""<input\b[^>]*\btype="hidden"[^>]*>""")] private static partial Regex HiddenInputPattern();
    [GeneratedRegex(@"\bname=""([^""]*)""")] private static partial Regex NameAttribute();
    [GeneratedRegex(@"\bvalue=""([^""]*)""")] private static partial Regex ValueAttribute();
    [GeneratedRegex("""class="record-number">GD/\d{4}/\d{5,}<""")] private static partial Regex RecordNumberPattern();
    [GeneratedRegex(@"<img[^>]*\bsrc=""(/dang-ky/anh/[^""]+)""")] private static partial Regex ThumbnailPattern();
    [GeneratedRegex("""class="error-summary"[\s\S]*?<li>([\s\S]*?)</li>""")] private static partial Regex ErrorItemPattern();
    [GeneratedRegex("<[^>]+>")] private static partial Regex TagPattern();
}
