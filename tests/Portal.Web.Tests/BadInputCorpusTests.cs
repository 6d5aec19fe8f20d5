using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;
using Portal.Web.Features.Registration;
using Portal.Web.Tests.Support;
using static Portal.Web.Tests.Support.Mau01Journey;

namespace Portal.Web.Tests;

/// <summary>
/// The bad-input corpus: every row is one hostile or malformed request through HTTP. Each gets a Vietnamese message (at
/// the field, in the error summary or on the portal's 4xx page), never a 5xx; no markup it carries comes back unencoded;
/// and nothing is stored by it: no declaration, no new draft, no new photo file.
/// </summary>
public sealed class BadInputCorpusTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Script = "<script>alert(1)</script>";
    private const string ImgXss = "<img src=x onerror=alert(1)>";
    private const string AttrXss = "\"><svg onload=alert(1)>";
    private const string Sqli = "' OR '1'='1'; DROP TABLE Declarations; --";
    private static readonly string[] Unencoded = ["<script>alert", "<img src=x onerror", "<svg onload"];

    /// <summary>What a case expects: the message at <paramref name="Selector"/> on a 200 page, or the portal's 4xx page.</summary>
    public sealed record Outcome(HttpResponseMessage Response, string Html, string? Selector);

    /// <summary>A case arranges what it needs (a draft, photos, a signed-in browser), calls <see cref="Probe.MarkAsync"/>, then sends the bad request.</summary>
    public sealed class Probe(PortalApp app)
    {
        public PortalApp App => app;
        public (int Declarations, int Drafts, int Photos)? Before { get; private set; }
        public async Task MarkAsync() => Before = await CountsAsync(app);
    }

    private delegate Task<Outcome> Case(Probe probe);

    private static readonly Dictionary<string, Case> Corpus = Build();

    public static TheoryData<string> Cases() => new(Corpus.Keys);

    [Fact]
    public void The_corpus_has_at_least_100_cases() => Assert.True(Corpus.Count >= 100, $"{Corpus.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_vietnamese_message_or_a_4xx_page_and_stores_nothing(string name)
    {
        var probe = new Probe(app);
        var outcome = await Corpus[name](probe);
        var status = (int)outcome.Response.StatusCode;
        Assert.True(status < 500, $"{name}: {status}");
        foreach (var marker in Unencoded)
            Assert.DoesNotContain(marker, outcome.Html, StringComparison.OrdinalIgnoreCase);
        if (outcome.Selector is null)
        {
            Assert.InRange(status, 400, 499);
            if (outcome.Response.Content.Headers.ContentType?.MediaType == "text/html")
                Assert.Matches("[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]", outcome.Html);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, outcome.Response.StatusCode);
            var page = Mau01Client.Parse(outcome.Html);
            var message = page.QuerySelector(outcome.Selector)?.TextContent.Trim();
            Assert.True(!string.IsNullOrEmpty(message), $"{name}: no message at {outcome.Selector} on {outcome.Response.RequestMessage?.RequestUri?.AbsolutePath}: "
                + string.Join(" | ", page.QuerySelectorAll(".error-summary li, .field-error").Select(e => e.TextContent.Trim())));
            Assert.Matches("[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", message);
        }
        Assert.NotNull(probe.Before);
        Assert.Equal(probe.Before, await CountsAsync(app));
    }

    private static async Task<(int Declarations, int Drafts, int Photos)> CountsAsync(PortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var photos = Path.Combine(app.DataDirectory, "photos");
        return (await db.Declarations.CountAsync(), await db.Drafts.CountAsync(),
            Directory.Exists(photos) ? Directory.GetFiles(photos, "*", SearchOption.AllDirectories).Length : 0);
    }

    private static Dictionary<string, Case> Build()
    {
        var cases = new Dictionary<string, Case>();

        // Step 2, every code and text field: a message at the field.
        void Details(string field, string value, string? label = null) =>
            cases[$"details {field} = {label ?? Show(value)}"] = p => DetailsAsync(p, field, value);
        foreach (var v in new[] { "", "123456789", "01234567890", "012345678a", "０１２３４５６７８９", "01234\u200B56789", "0123456789\u0000", "-123456789",
                     "1e9", new string('1', 5000), Script, Sqli, "0123456789; --" })
            Details("MaSoBhxh", v);
        foreach (var v in new[] { "", "1234567890", "0011900123456", "12345678X", "B123456", "B12345678", "BB1234567", "９８７６５４３２１",
                     "001190012345\u200D", "00119001234\u0301", new string('9', 300), Script, Sqli, "../../etc/passwd" })
            Details("IdentityNumber", v);
        foreach (var v in new[] { "", "091234567", "09123456789", "0112345678", "+8491234567", "+1 212 555 0100", "0912345678x", "(091) 2345-678 ext 1",
                     "+84 +84 912345678", "０９１２３４５６７８", new string('0', 1000), Script, Sqli })
            Details("MobilePhone", v);
        foreach (var v in new[] { "nhung@", "@example.vn", "nhung@example..vn", "nhung example.vn", new string('a', 300) + "@example.vn",
                     "nhung@exa\u200Bmple.vn", Script + "@example.vn", "nhung@example.vn\r\nBcc: x@y.vn", Sqli })
            Details("Email", v);
        foreach (var v in new[] { "", new string('A', 201), "Nguyễn\u200BThị", "Nguyễn\u0007Thị", "Nguyễn\u202EThị", "Nguyễn\uFEFFThị", new string('Đ', 5000) })
            Details("FullName", v);
        foreach (var v in new[] { new string('B', 201), "Trần\u200CVăn", "Trần\u0000Văn" })
            Details("ContactPerson", v);
        Details("UseFrom", "2000-01-01");
        Details("UseFrom", "31/02/2026");
        Details("UseFrom", "9999-12-31");
        Details("UseFrom", Script);
        Details("Channel", "3");
        Details("Channel", "Ivan;DROP");

        // Step 2, free text carrying markup or SQL: refused, or kept as text and shown encoded on the review.
        foreach (var (field, value) in new[]
                 {
                     ("FullName", Script), ("FullName", ImgXss), ("FullName", AttrXss), ("FullName", Sqli),
                     ("ContactPerson", Script), ("ContactPerson", AttrXss), ("ContactPerson", Sqli),
                     ("IvanName", Script), ("IvanName", ImgXss), ("IvanName", Sqli),
                 })
            cases[$"review shows {field} = {Show(value)} encoded"] = p => ReviewAsync(p, new() { [$"Input.{field}"] = value }, []);
        cases["review shows Street = <script> encoded"] = p => ReviewAsync(p, [], new() { ["Input.Street"] = Script });
        cases["review shows Street = SQL encoded"] = p => ReviewAsync(p, [], new() { ["Input.Street"] = Sqli });
        cases["review shows Street = attribute break-out encoded"] = p => ReviewAsync(p, [], new() { ["Input.Street"] = AttrXss });
        cases["review shows FullName in NFD as NFC"] = p => ReviewAsync(p, new() { ["Input.FullName"] = "Nguyễn Thị Hồng Nhung".Normalize(NormalizationForm.FormD) }, [],
            html => Assert.Contains("Nguyễn Thị Hồng Nhung".Normalize(NormalizationForm.FormC), html));

        // Step 3, the address codes.
        void Address(string label, Dictionary<string, string> changes, string field) =>
            cases[$"address {label}"] = p => AddressAsync(p, changes, field);
        Address("province 99", new() { ["Input.ProvinceCode"] = "99" }, "WardCode");
        Address("province 1 (one digit)", new() { ["Input.ProvinceCode"] = "1" }, "WardCode");
        Address("province 001", new() { ["Input.ProvinceCode"] = "001" }, "WardCode");
        Address("province <script>", new() { ["Input.ProvinceCode"] = Script }, "WardCode");
        Address("province SQL", new() { ["Input.ProvinceCode"] = Sqli }, "WardCode");
        Address("province empty", new() { ["Input.ProvinceCode"] = "" }, "ProvinceCode");
        Address("district of another province", new() { ["Input.DistrictCode"] = "760" }, "WardCode");
        Address("district 9999", new() { ["Input.DistrictCode"] = "9999" }, "WardCode");
        Address("district empty", new() { ["Input.DistrictCode"] = "" }, "DistrictCode");
        Address("ward of another district", new() { ["Input.WardCode"] = "00208" }, "WardCode");
        Address("ward 0034 (truncated)", new() { ["Input.WardCode"] = "0034" }, "WardCode");
        Address("ward 003430 (too long)", new() { ["Input.WardCode"] = "003430" }, "WardCode");
        Address("ward SQL", new() { ["Input.WardCode"] = Sqli }, "WardCode");
        Address("ward empty", new() { ["Input.WardCode"] = "" }, "WardCode");
        Address("street empty", new() { ["Input.Street"] = "" }, "Street");
        Address("street 10,000 characters", new() { ["Input.Street"] = new string('x', 10_000) }, "Street");
        Address("street with a zero-width space", new() { ["Input.Street"] = "Số 12\u200B ngõ 34" }, "Street");
        Address("street with a control character", new() { ["Input.Street"] = "Số 12\u0001 ngõ 34" }, "Street");
        Address("street with a bidi override", new() { ["Input.Street"] = "Số 12 \u202Engõ 34" }, "Street");
        Address("unknown scheme", new() { ["Input.AddressScheme"] = "../../etc/passwd" }, "WardCode");

        // Step 4, the office and the submission method.
        void Office(string label, Dictionary<string, string> fields, string field) => cases[$"office {label}"] = p => OfficeAsync(p, fields, field);
        Office("99999", new() { ["Input.OfficeCode"] = "99999", ["Input.SubmissionMethod"] = "AtOffice" }, "OfficeCode");
        Office("0010 (truncated)", new() { ["Input.OfficeCode"] = "0010", ["Input.SubmissionMethod"] = "AtOffice" }, "OfficeCode");
        Office("001066 (too long)", new() { ["Input.OfficeCode"] = "001066", ["Input.SubmissionMethod"] = "AtOffice" }, "OfficeCode");
        Office("SQL", new() { ["Input.OfficeCode"] = Sqli, ["Input.SubmissionMethod"] = "AtOffice" }, "OfficeCode");
        Office("path", new() { ["Input.OfficeCode"] = "../00106", ["Input.SubmissionMethod"] = "AtOffice" }, "OfficeCode");
        Office("method -1", new() { ["Input.OfficeCode"] = "00106", ["Input.SubmissionMethod"] = "-1" }, "SubmissionMethod");
        Office("method ByPigeon", new() { ["Input.OfficeCode"] = "00106", ["Input.SubmissionMethod"] = "ByPigeon" }, "SubmissionMethod");
        Office("method missing", new() { ["Input.OfficeCode"] = "00106" }, "SubmissionMethod");

        // Step 1, images: fake, truncated, oversized, polyglot, mislabelled; path-like and hostile file names.
        var jpeg = File.ReadAllBytes(Mau01Client.Fixture("portrait.jpg"));
        var png = File.ReadAllBytes(Mau01Client.Fixture("birth-certificate.png"));
        void Photo(string label, string fileName, byte[] bytes) => cases[$"photo {label}"] = p => PhotoAsync(p, fileName, bytes);
        Photo("zero bytes", "anh.jpg", []);
        Photo("one byte", "anh.jpg", [0xFF]);
        Photo("JPEG start-of-image only", "anh.jpg", [0xFF, 0xD8, 0xFF]);
        Photo("JPEG header then HTML and script", "anh.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, .. Encoding.ASCII.GetBytes("<html><body>" + Script + "</body></html>")]);
        Photo("truncated JPEG (first 2 KB)", "anh.jpg", jpeg[..2048]);
        Photo("JPEG cut before its end", "anh.jpg", jpeg[..(jpeg.Length / 3)]);
        Photo("PNG signature only", "anh.png", png[..8]);
        Photo("PNG claiming 100000 x 100000", "anh.png", PngClaiming(100_000, 100_000));
        Photo("PNG claiming 65535 x 1", "anh.png", PngClaiming(65_535, 1));
        Photo("truncated PNG", "anh.png", png[..(png.Length / 2)]);
        Photo("GIF renamed .jpg", "anh.jpg", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B]);
        Photo("BMP renamed .jpg", "anh.jpg", [.. "BM"u8, .. new byte[60]]);
        Photo("PDF renamed .jpg", "anh.jpg", "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray());
        Photo("SVG with script renamed .jpg", "anh.jpg", Encoding.UTF8.GetBytes($"<svg xmlns=\"http://www.w3.org/2000/svg\">{Script}</svg>"));
        Photo("HTML renamed .png", "anh.png", Encoding.UTF8.GetBytes("<!doctype html>" + Script));
        Photo("WebP", "anh.webp", [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8, .. new byte[28]]);
        Photo("text named ../../etc/passwd.jpg", "../../etc/passwd.jpg", "root:x:0:0:root:/root:/bin/bash"u8.ToArray());
        Photo("garbage named <script>.jpg", Script + ".jpg", [0x00, 0x01, 0x02]);
        Photo("6 MB of zeros after a JPEG header", "anh.jpg", [0xFF, 0xD8, 0xFF, .. new byte[6 * 1024 * 1024]]);
        cases["photo a good JPEG named ../../etc/passwd.jpg is stored under the portal's own name"] = PathLikeGoodPhotoAsync;

        // Status lookup: record number and mã số BHXH formats.
        void Lookup(string recordNumber, string maSo, string field) =>
            cases[$"status lookup {Show(recordNumber)} / {Show(maSo)}"] = p => LookupAsync(p, recordNumber, maSo, field);
        foreach (var v in new[] { "", "GD/2026/1", "GD/2026/0000001", "XX/2026/00001", "GD/abcd/00001", "GD-2026-00001x", "GD/2026/00001/1", Script, Sqli,
                     "../../etc/passwd", new string('G', 10_000), "GD/２０２６/00001", "GD/2026/\u200B00001" })
            Lookup(v, "0123456789", "RecordNumber");
        foreach (var v in new[] { "", "123", "01234567890", Script, Sqli })
            Lookup("GD/2026/00001", v, "MaSoBhxh");

        // Forms: antiforgery, form names, bodies, captchas, draft cookies.
        cases["mau01 post without an antiforgery token"] = p => RawPostAsync(p, "/dang-ky/to-khai/2", drop: "__RequestVerificationToken");
        cases["mau01 post with another browser's antiforgery token"] = p => ForeignTokenAsync(p, "/dang-ky/to-khai/2");
        cases["mau01 post with a garbage antiforgery token"] = p => RawPostAsync(p, "/dang-ky/to-khai/2", set: ("__RequestVerificationToken", "CfDJ8" + new string('A', 200)));
        cases["mau01 post with a wrong form name"] = p => RawPostAsync(p, "/dang-ky/to-khai/2", set: ("_handler", "khac"));
        cases["mau01 post without a form name"] = p => RawPostAsync(p, "/dang-ky/to-khai/2", drop: "_handler");
        cases["mau01 post with a form name full of markup"] = p => RawPostAsync(p, "/dang-ky/to-khai/2", set: ("_handler", Script));
        cases["status lookup post without an antiforgery token"] = p => RawPostAsync(p, "/tra-cuu/ho-so", drop: "__RequestVerificationToken");
        cases["login post without an antiforgery token"] = p => RawPostAsync(p, "/dang-nhap", drop: "__RequestVerificationToken", formSelector: "main form");
        cases["login post with another form's name"] = p => RawPostAsync(p, "/dang-nhap", set: ("_handler", "mau01"), formSelector: "main form");
        cases["status lookup body of 30 MB"] = p => OversizedAsync(p, "/tra-cuu/ho-so");
        cases["start post body of 30 MB"] = p => OversizedAsync(p, "/dang-ky");
        cases["login with the captcha answer replayed"] = ReplayedLoginCaptchaAsync;
        cases["login with a SQL user name"] = p => LoginAsync(p, Sqli);
        cases["login with a <script> user name"] = p => LoginAsync(p, Script);
        cases["login with a 5000-character user name"] = p => LoginAsync(p, new string('0', 5000));
        cases["forgot password with a <script> mã số"] = ForgotPasswordAsync;
        foreach (var (label, value) in new[]
                 {
                     ("garbage", "abc"), ("base64 junk", Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('x', 300)))), ("4 KB", new string('A', 4000)),
                     ("a GUID", Guid.NewGuid().ToString()), ("a protected-looking token", "CfDJ8" + new string('B', 150)), ("markup", Uri.EscapeDataString(Script)),
                 })
            cases[$"forged draft cookie ({label})"] = p => ForgedDraftAsync(p, value);
        return cases;
    }

    private static string Show(string value) => value.Length > 40 ? $"{value[..12]}…({value.Length} chars)"
        : value.Length == 0 ? "(empty)" : string.Concat(value.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? $"\\u{(int)c:X4}" : c.ToString()));

    private static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2;
        return [0x89, .. "PNG\r\n\x1a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, .. ihdr, 0, 0, 0, 0, 0, 0, 0, 0, .. "IEND"u8, 0xAE, 0x42, 0x60, 0x82];
    }

    private static async Task<Outcome> Post(Mau01Client client, string url, Dictionary<string, string> fields, string selector,
        Dictionary<string, (string, byte[])>? files = null)
    {
        var (response, page) = await client.PostFormAsync(url, fields, files);
        return new Outcome(response, page.DocumentElement.OuterHtml, selector);
    }

    private static async Task<Outcome> DetailsAsync(Probe p, string field, string value)
    {
        var client = await StartAsync(p.App);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await p.MarkAsync();
        return await Post(client, "/dang-ky/to-khai/2", new Dictionary<string, string>(Details) { [$"Input.{field}"] = value }, $"#{field}-error");
    }

    /// <summary>Free text through to step 5: refused at its field, or carried as text to the review and shown encoded.</summary>
    private static async Task<Outcome> ReviewAsync(Probe p, Dictionary<string, string> details, Dictionary<string, string> address, Action<string>? check = null)
    {
        var client = await StartAsync(p.App);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await p.MarkAsync();
        var (response, page) = await client.PostFormAsync("/dang-ky/to-khai/2", new Dictionary<string, string>(Details).Concat(details).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value), []);
        if (page.QuerySelector(".field-error") is not null) return new Outcome(response, page.DocumentElement.OuterHtml, ".field-error");
        (response, page) = await client.PostFormAsync("/dang-ky/to-khai/3", new Dictionary<string, string>(Address).Concat(address).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        if (page.QuerySelector(".field-error") is not null) return new Outcome(response, page.DocumentElement.OuterHtml, ".field-error");
        await PostStepAsync(client, 4, Office);
        var review = await client.Http.GetAsync("/dang-ky/to-khai/5");
        var html = await review.Content.ReadAsStringAsync();
        var summary = Mau01Client.Parse(html).QuerySelector(".summary")!.TextContent;
        foreach (var value in details.Values.Concat(address.Values))
            Assert.Contains(value.Normalize(NormalizationForm.FormC), summary);
        check?.Invoke(html);
        // The review's own title is the message here: the text is shown as text, waiting for the commitment.
        return new Outcome(review, html, "h1");
    }

    private static async Task<Outcome> AddressAsync(Probe p, Dictionary<string, string> changes, string field)
    {
        var client = await StartAsync(p.App);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, Details);
        await p.MarkAsync();
        var fields = new Dictionary<string, string>(Mau01Journey.Address);
        foreach (var (k, v) in changes) fields[k] = v;
        return await Post(client, "/dang-ky/to-khai/3", fields, $"#{field}-error");
    }

    private static async Task<Outcome> OfficeAsync(Probe p, Dictionary<string, string> fields, string field)
    {
        var client = await StartAsync(p.App);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, Details);
        await PostStepAsync(client, 3, Mau01Journey.Address);
        await p.MarkAsync();
        return await Post(client, "/dang-ky/to-khai/4", fields, $"#{field}-error");
    }

    private static async Task<Outcome> PhotoAsync(Probe p, string fileName, byte[] bytes)
    {
        var client = await StartAsync(p.App);
        await p.MarkAsync();
        var outcome = await Post(client, "/dang-ky/to-khai/1", [], "#Portrait-error", new() { ["Input.Portrait"] = (fileName, bytes) });
        Assert.Null(Mau01Client.Parse(outcome.Html).QuerySelector("img[src^='/dang-ky/anh/Portrait']"));
        return outcome;
    }

    private static async Task<Outcome> PathLikeGoodPhotoAsync(Probe p)
    {
        var client = await StartAsync(p.App);
        var outside = Path.GetFullPath(Path.Combine(p.App.DataDirectory, "photos", "..", "..", "etc", "passwd.jpg"));
        var (response, page) = await client.PostFormAsync("/dang-ky/to-khai/1", [], new() { ["Input.Portrait"] = ("../../etc/passwd.jpg", File.ReadAllBytes(Mau01Client.Fixture("portrait.jpg"))) });
        Assert.False(File.Exists(outside));
        Assert.DoesNotContain("passwd", page.DocumentElement.OuterHtml);
        Assert.NotNull(page.QuerySelector("img[src^='/dang-ky/anh/Portrait']"));
        // The good photo is kept (that is its purpose); what is checked from here is that the other two are still asked for.
        await p.MarkAsync();
        var (again, next) = await client.PostFormAsync("/dang-ky/to-khai/1", [], []);
        return new Outcome(again, next.DocumentElement.OuterHtml, "#IdFront-error");
    }

    private static async Task<Outcome> LookupAsync(Probe p, string recordNumber, string maSo, string field)
    {
        var client = new Mau01Client(p.App.CreateClient());
        await p.MarkAsync();
        return await Post(client, "/tra-cuu/ho-so", new() { ["Input.RecordNumber"] = recordNumber, ["Input.MaSoBhxh"] = maSo }, $"#{field}-error, .lookup-result");
    }

    /// <summary>Step 2's form posted with one hidden field dropped or replaced.</summary>
    private static async Task<Outcome> RawPostAsync(Probe p, string url, string? drop = null, (string Name, string Value)? set = null, string formSelector = "form[method=post]")
    {
        Mau01Client client;
        if (url.StartsWith("/dang-ky/to-khai/", StringComparison.Ordinal))
        {
            client = await StartAsync(p.App);
            await PostStepAsync(client, 1, [], IndividualPhotos());
        }
        else client = new Mau01Client(p.App.CreateClient());
        var page = await client.GetAsync(url);
        var form = page.QuerySelector(formSelector)!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in url == "/dang-nhap" ? new() { ["Input.UserName"] = "0123456789", ["Input.Password"] = "x", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode }
                     : url == "/tra-cuu/ho-so" ? new() { ["Input.RecordNumber"] = "GD/2026/00001", ["Input.MaSoBhxh"] = "0123456789" } : Details)
            fields[k] = v;
        if (drop is not null) fields.Remove(drop);
        if (set is { } s) fields[s.Name] = s.Value;
        await p.MarkAsync();
        var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
        return new Outcome(response, await response.Content.ReadAsStringAsync(), null);
    }

    private static async Task<Outcome> ForeignTokenAsync(Probe p, string url)
    {
        var client = await StartAsync(p.App);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        var page = await client.GetAsync(url);
        var stranger = new Mau01Client(p.App.CreateClient());
        var strangerToken = (await stranger.GetAsync("/dang-ky")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await p.MarkAsync();
        var (response, result) = await client.PostAsync(page, url, new Dictionary<string, string>(Details) { ["__RequestVerificationToken"] = strangerToken });
        return new Outcome(response, result.DocumentElement.OuterHtml, null);
    }

    private static async Task<Outcome> OversizedAsync(Probe p, string url)
    {
        var client = new Mau01Client(p.App.CreateClient());
        var page = await client.GetAsync(url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[30 * 1024 * 1024]), "Input.Padding", "padding.bin" },
        };
        await p.MarkAsync();
        var response = await client.Http.PostAsync(url, content);
        return new Outcome(response, await response.Content.ReadAsStringAsync(), null);
    }

    private static async Task<Outcome> LoginAsync(Probe p, string userName)
    {
        var client = new Mau01Client(p.App.CreateClient());
        await p.MarkAsync();
        var (response, page) = await client.PostFormAsync("/dang-nhap", new()
        {
            ["Input.UserName"] = userName, ["Input.Password"] = "MatKhau2026", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode,
        }, formSelector: "main form");
        return new Outcome(response, page.DocumentElement.OuterHtml, ".error-summary");
    }

    private static async Task<Outcome> ReplayedLoginCaptchaAsync(Probe p)
    {
        var client = new Mau01Client(p.App.CreateClient());
        var page = await client.GetAsync("/dang-nhap");
        var fields = new Dictionary<string, string> { ["Input.UserName"] = "0123456789", ["Input.Password"] = "sai-mat-khau", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode };
        await client.PostAsync(page, "/dang-nhap", fields, formSelector: "main form");
        await p.MarkAsync();
        var (response, again) = await client.PostAsync(page, "/dang-nhap", fields, formSelector: "main form");
        return new Outcome(response, again.DocumentElement.OuterHtml, "#CaptchaAnswer-error");
    }

    private static async Task<Outcome> ForgotPasswordAsync(Probe p)
    {
        var client = new Mau01Client(p.App.CreateClient());
        await p.MarkAsync();
        var (response, page) = await client.PostFormAsync("/tai-khoan/quen-mat-khau", new() { ["Input.UserName"] = Script, ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode },
            formSelector: "main form");
        return new Outcome(response, page.DocumentElement.OuterHtml, "#UserName-error, .notice, .error-summary");
    }

    /// <summary>A browser whose Mẫu 01 cookie was made up: sent back to the start (Đăng ký) on a get and on a post, never a 500.</summary>
    private static async Task<Outcome> ForgedDraftAsync(Probe p, string value)
    {
        // Cookies by hand: the forged one beside the antiforgery cookie the start page set.
        var http = p.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var startResponse = await http.GetAsync("/dang-ky");
        var start = Mau01Client.Parse(await startResponse.Content.ReadAsStringAsync());
        var cookies = string.Join("; ", startResponse.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Append($"{DraftCookie.Name}={value}"));
        http.DefaultRequestHeaders.Add("Cookie", cookies);
        await p.MarkAsync();
        using (var get = await http.GetAsync("/dang-ky/to-khai/3"))
        {
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Equal("/dang-ky", new Uri(http.BaseAddress!, get.Headers.Location!).AbsolutePath);
        }
        using (var photo = await http.GetAsync("/dang-ky/anh/Portrait"))
            Assert.InRange((int)photo.StatusCode, 400, 499);
        var fields = start.QuerySelectorAll("main form input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (k, v) in Details) fields[k] = v;
        fields["_handler"] = "mau01";
        var response = await http.PostAsync("/dang-ky/to-khai/2", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/dang-ky", new Uri(http.BaseAddress!, response.Headers.Location!).AbsolutePath);
            response = await http.GetAsync("/dang-ky");
            html = await response.Content.ReadAsStringAsync();
            return new Outcome(response, html, "h1");
        }
        return new Outcome(response, html, (int)response.StatusCode >= 400 ? null : "h1");
    }
}
