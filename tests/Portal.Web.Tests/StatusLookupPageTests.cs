using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Purge;
using Portal.Web.Features.Lookup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class StatusLookupPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Url = "/tra-cuu/ho-so";
    private const string MaSo = "0123456789";

    /// <summary>Everything the journey typed about the person, in the forms it could appear in.</summary>
    private static readonly string[] PersonalValues =
    [
        "Nguyễn Thị Hồng Nhung", "001190012345", "Trần Văn Đức", "nhung@example.vn", "0912345678", "912 345 678",
        "Số 12 ngõ 34 phố Nguyễn Trãi", "Phường Nhân Chính", "Công ty Cổ phần Dịch vụ I-VAN Hà Nội",
    ];

    private static async Task<string> RegisterAsync(WebApplicationFactory<Program> portal)
    {
        var (_, html) = await Mau01Journey.RegisterIndividualAsync(portal);
        return Mau01Client.Parse(html).QuerySelector(".record-number")!.TextContent;
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> LookUpAsync(WebApplicationFactory<Program> portal, string recordNumber, string maSo) =>
        await new Mau01Client(portal.CreateClient()).PostFormAsync(Url, new() { ["Input.RecordNumber"] = recordNumber, ["Input.MaSoBhxh"] = maSo });

    private static Dictionary<string, string> Facts(IHtmlDocument page)
    {
        var list = page.QuerySelector("section.lookup-result dl.lookup-status")!;
        return list.QuerySelectorAll("dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
    }

    private async Task ChangeAsync(string recordNumber, Action<Declaration> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        change(await db.Declarations.SingleAsync(d => d.RecordNumber == Portal.Domain.Declarations.RecordNumber.Parse(recordNumber)));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_registered_declaration_is_found_by_its_number_and_ma_so_and_shows_only_status_office_and_deadline()
    {
        var number = await RegisterAsync(app);
        DateTimeOffset expiresAt;
        await using (var scope = app.Services.CreateAsyncScope())
            expiresAt = (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.SingleAsync(d => d.RecordNumber == Portal.Domain.Declarations.RecordNumber.Parse(number))).ExpiresAt;

        var (response, page) = await LookUpAsync(app, number, MaSo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Url, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Empty(response.RequestMessage.RequestUri.Query);
        var deadline = VietnamTime.Today(expiresAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Tình trạng"] = "Đã ghi nhận, chờ nộp hồ sơ tại cơ quan BHXH",
            ["Cơ quan BHXH tiếp nhận"] = "BHXH Quận Đống Đa",
            ["Hạn nộp hồ sơ"] = $"đến hết ngày {deadline} (còn 10 ngày)",
        }, Facts(page));
        var result = page.QuerySelector("section.lookup-result")!;
        Assert.Empty(result.QuerySelectorAll("img, a, form"));
        var html = page.DocumentElement.OuterHtml;
        Assert.All(PersonalValues, value => Assert.DoesNotContain(value, html));
        Assert.DoesNotContain("/ho-so/", html);
        Assert.DoesNotContain(".pdf", html);
        Assert.DoesNotContain(MaSo, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_record_number_may_be_typed_in_lower_case_or_as_the_pdf_file_name()
    {
        var number = await RegisterAsync(app);
        var fileForm = number.Replace('/', '_');
        foreach (var typed in new[] { number.ToLowerInvariant(), fileForm.ToLowerInvariant(), fileForm, fileForm + ".pdf", $"  {number}  " })
        {
            var (response, page) = await LookUpAsync(app, typed, $" {MaSo} ");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("BHXH Quận Đống Đa", Facts(page)["Cơ quan BHXH tiếp nhận"]);
            Assert.Equal(number, ((IHtmlInputElement)page.QuerySelector("input#RecordNumber")!).Value);
        }
    }

    [Fact]
    public async Task Each_status_has_its_own_words_and_only_a_waiting_declaration_shows_a_deadline()
    {
        var accepted = await RegisterAsync(app);
        var rejected = await RegisterAsync(app);
        var now = DateTimeOffset.UtcNow;

        await ChangeAsync(accepted, d => d.MarkReceived(now));
        var (_, received) = await LookUpAsync(app, accepted, MaSo);
        Assert.Equal(["Tình trạng", "Cơ quan BHXH tiếp nhận"], Facts(received).Keys);
        Assert.Equal("Cơ quan BHXH đã tiếp nhận hồ sơ", Facts(received)["Tình trạng"]);
        Assert.Null(received.QuerySelector("section.lookup-result .notice"));

        await ChangeAsync(accepted, d => d.Accept(now));
        Assert.Equal("Đã duyệt, tài khoản đã được kích hoạt", Facts((await LookUpAsync(app, accepted, MaSo)).Page)["Tình trạng"]);

        await ChangeAsync(rejected, d => d.Reject("Ảnh chân dung không rõ mặt", now));
        var (_, page) = await LookUpAsync(app, rejected, MaSo);
        Assert.Equal(new Dictionary<string, string> { ["Tình trạng"] = "Bị từ chối", ["Cơ quan BHXH tiếp nhận"] = "BHXH Quận Đống Đa" }, Facts(page));
        Assert.DoesNotContain("Ảnh chân dung không rõ mặt", page.DocumentElement.OuterHtml);
    }

    [Theory]
    [InlineData(5, "đến hết ngày 11/12/2026 (còn 5 ngày)")]
    [InlineData(1, "đến hết ngày 11/12/2026 (còn 1 ngày)")]
    [InlineData(0, "đến hết ngày 11/12/2026 (hôm nay là ngày cuối)")]
    [InlineData(-1, "đã hết ngày 11/12/2026; tờ khai sẽ được tự động xóa")]
    public void The_deadline_counts_the_days_left(int daysLeft, string text) =>
        Assert.Equal(text, StatusLookupPage.DeadlineText(new DateOnly(2026, 12, 11), daysLeft));

    [Fact]
    public async Task A_wrong_ma_so_an_unknown_number_and_a_purged_declaration_get_the_same_answer()
    {
        await using var portal = new PortalApp();
        var number = await RegisterAsync(portal);
        RecordNumber.TryParse(number, out var parsed);
        var unknown = new RecordNumber(parsed.Year, parsed.Sequence + 1).ToString();

        var answers = new List<(HttpStatusCode Status, string Result)>();
        async Task AnswerAsync(string recordNumber, string maSo)
        {
            var (response, page) = await LookUpAsync(portal, recordNumber, maSo);
            answers.Add((response.StatusCode, page.QuerySelector("section.lookup-result")!.OuterHtml));
        }
        await AnswerAsync(number, "0123456780");
        await AnswerAsync(unknown, MaSo);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var purger = ActivatorUtilities.CreateInstance<DeclarationPurger>(scope.ServiceProvider, (TimeProvider)new FixedClock(DateTimeOffset.UtcNow.AddDays(11)));
            Assert.Equal(1, (await purger.RunAsync()).DeclarationsDeleted);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.False(await db.Declarations.AnyAsync());
            Assert.True(await db.DeletionTombstones.AnyAsync(t => t.RecordNumber == number));
        }
        await AnswerAsync(number, MaSo);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => a.Result).Distinct());
        var section = Mau01Client.Parse(answers[0].Result).QuerySelector("section")!;
        Assert.Equal(StatusLookupPage.NotFound, section.QuerySelector("p")!.TextContent);
        Assert.DoesNotContain(number, answers[0].Result);
    }

    [Theory]
    [InlineData("GD/2026/1", MaSo, "RecordNumber", "Số hồ sơ có dạng GD/2026/00001.")]
    [InlineData("HS/2026/00001", MaSo, "RecordNumber", "Số hồ sơ có dạng GD/2026/00001.")]
    [InlineData("   ", MaSo, "RecordNumber", "Vui lòng nhập số hồ sơ.")]
    [InlineData("GD/2026/00001", "12345", "MaSoBhxh", "Mã số BHXH gồm 10 chữ số.")]
    [InlineData("GD/2026/00001", "01234567890", "MaSoBhxh", "Mã số BHXH gồm 10 chữ số.")]
    [InlineData("GD/2026/00001", "012345678a", "MaSoBhxh", "Mã số BHXH gồm 10 chữ số.")]
    [InlineData("GD/2026/00001", "", "MaSoBhxh", "Vui lòng nhập mã số BHXH.")]
    public async Task A_badly_formed_number_is_told_at_its_field(string recordNumber, string maSo, string field, string message)
    {
        var (response, page) = await LookUpAsync(app, recordNumber, maSo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("section.lookup-result"));
        Assert.Equal(message, page.QuerySelector($"#{field}-error")!.TextContent.Replace("Lỗi: ", "").Trim());
        var input = page.QuerySelector($"input#{field}")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains($"{field}-error", input.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal(message, page.QuerySelector($".error-summary a[href='#{field}']")!.TextContent);
        Assert.Single(page.QuerySelectorAll(".error-summary li"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var response = await app.CreateClient().PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "tra-cuu-ho-so",
            ["Input.RecordNumber"] = "GD/2026/00001",
            ["Input.MaSoBhxh"] = MaSo,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("lookup-result", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_lookup_page_is_linked_from_tra_cuu_and_works_without_javascript()
    {
        var lookup = await app.GetDocumentAsync("/tra-cuu");
        Assert.Equal("Tra cứu hồ sơ", lookup.QuerySelector($"a[href='{Url}']")!.TextContent);
        Assert.NotNull(lookup.QuerySelector("a[href='/tra-cuu/co-quan-bhxh']"));

        var page = await app.GetDocumentAsync(Url);
        Assert.Equal("Tra cứu hồ sơ", page.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("script"));
        var form = page.QuerySelector("form[method=post]")!;
        Assert.NotNull(form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]"));
        Assert.Equal("Số hồ sơ", page.QuerySelector("label[for=RecordNumber]")!.FirstChild!.TextContent.Trim());
        Assert.Equal("Mã số BHXH", page.QuerySelector("label[for=MaSoBhxh]")!.FirstChild!.TextContent.Trim());
        Assert.Null(page.QuerySelector("section.lookup-result"));
    }

    [Fact]
    public async Task Too_many_lookups_from_one_address_get_the_vietnamese_429_page()
    {
        await using var portal = new PortalApp { StatusLookupPerMinute = 3 };
        var client = new Mau01Client(portal.CreateClient());
        var page = await client.GetAsync(Url);
        var statuses = new List<HttpStatusCode>();
        // The router takes the path in any case and with a trailing slash; the limit counts them all.
        foreach (var url in new[] { Url, Url + "/", Url.ToUpperInvariant(), Url })
        {
            var (response, answer) = await client.PostAsync(page, url, new() { ["Input.RecordNumber"] = "GD/2026/00001", ["Input.MaSoBhxh"] = MaSo });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK) Assert.NotNull(answer.QuerySelector("section.lookup-result"));
            if (response.StatusCode != HttpStatusCode.TooManyRequests) continue;
            Assert.Equal("Bạn đã gửi quá nhiều yêu cầu", answer.QuerySelector("h1")!.TextContent);
            Assert.Contains("chỉ được tra cứu hồ sơ một số lần trong một phút", answer.QuerySelector("main")!.TextContent);
            Assert.NotNull(answer.QuerySelector($"a[href='{Url}']"));
            Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter!.Delta);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task A_lookup_logs_neither_the_ma_so_nor_the_record_number()
    {
        var logs = new CapturedLogs();
        // Everything an operator could turn on, the request and SQL command logs included.
        await using var portal = new PortalApp
        {
            Settings =
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Trace",
            },
        };
        await using var logged = portal.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var number = await RegisterAsync(logged);
        logs.Clear();

        await LookUpAsync(logged, number, MaSo);
        await LookUpAsync(logged, number, "0123456780");

        Assert.NotEmpty(logs.Messages);
        Assert.All(logs.Messages, m => Assert.DoesNotContain(MaSo, m));
        Assert.All(logs.Messages, m => Assert.DoesNotContain("0123456780", m));
        Assert.All(logs.Messages, m => Assert.DoesNotContain(number, m));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;
        public void Clear() => _messages.Clear();

        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue($"{formatter(state, exception)} {exception}");

        public void Dispose() { }
    }
}
