using System.Net;
using AngleSharp.Html.Dom;
using Portal.Web.Features.Lookup;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>
/// Posts the site cannot take: a missing or stale antiforgery token, a body over the limit, a form name no form on the
/// page has. Each is a 400 page in the portal's shell, in Vietnamese, with a link back to the page the person was on,
/// in Development (no developer page for these) and in Production alike.
/// </summary>
public sealed class ShellErrorTests
{
    public static TheoryData<string> Environments => new() { "Development", "Production" };

    private const string Form = "form[method=post]";

    private static string Referer(PortalApp app, string path) => new Uri(app.Server.BaseAddress, path).ToString();

    /// <summary>Posts the lookup form as the page has it, with <paramref name="changes"/> (a null value drops the field), from that page.</summary>
    private static async Task<HttpResponseMessage> PostLookupAsync(PortalApp app, HttpClient browser, IHtmlDocument page,
        Dictionary<string, string?> changes, string? referer = null)
    {
        var fields = page.QuerySelector(Form)!.QuerySelectorAll("input[name]")
            .ToDictionary(i => i.GetAttribute("name")!, i => (string?)(i.GetAttribute("value") ?? ""));
        fields["Input.RecordNumber"] = "GD/2026/00001";
        fields["Input.MaSoBhxh"] = "0123456781";
        foreach (var (name, value) in changes) fields[name] = value;
        using var request = new HttpRequestMessage(HttpMethod.Post, StatusLookupPage.Url)
        {
            Content = new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!))),
        };
        request.Headers.Referrer = new Uri(referer ?? Referer(app, StatusLookupPage.Url));
        return await browser.SendAsync(request);
    }

    private static async Task<IHtmlDocument> AssertShellPageAsync(HttpResponseMessage response, string explanation, string backHref)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = Mau01Client.Parse(html);
        Assert.True("vi" == page.DocumentElement.GetAttribute("lang"), html);
        Assert.Contains("Bảo hiểm xã hội Việt Nam", page.QuerySelector("header.site-header")!.TextContent);
        Assert.NotNull(page.QuerySelector("footer.site-footer"));
        Assert.True("Yêu cầu không hợp lệ" == page.QuerySelector("main h1")?.TextContent, html);
        Assert.Contains(explanation, page.QuerySelector("main")!.TextContent);
        Assert.Equal(backHref, page.QuerySelector("main a.back-link")!.GetAttribute("href"));
        Assert.DoesNotContain("antiforgery", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", html);
        return page;
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_form_posted_without_its_antiforgery_token_is_a_400_page_in_the_shell_linking_back(string environment)
    {
        await using var app = new PortalApp { Environment = environment };
        var browser = app.CreateClient();
        var page = Mau01Client.Parse(await browser.GetStringAsync(StatusLookupPage.Url));

        using var response = await PostLookupAsync(app, browser, page, new() { ["__RequestVerificationToken"] = null });

        await AssertShellPageAsync(response, "Phiên làm việc của biểu mẫu đã hết hạn", StatusLookupPage.Url);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_form_posted_with_a_stale_token_from_another_session_is_the_same_page(string environment)
    {
        await using var app = new PortalApp { Environment = environment };
        var earlier = Mau01Client.Parse(await app.CreateClient().GetStringAsync(StatusLookupPage.Url));
        // A new session (the cookie gone, the key the same): the page's token no longer matches.
        var browser = app.CreateClient();
        await browser.GetStringAsync("/");

        using var response = await PostLookupAsync(app, browser, earlier, new(), referer: Referer(app, StatusLookupPage.Url + "?tu=trang-chu"));

        await AssertShellPageAsync(response, "Phiên làm việc của biểu mẫu đã hết hạn", StatusLookupPage.Url + "?tu=trang-chu");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_form_name_no_form_on_the_page_has_is_a_400_page_in_the_shell(string environment)
    {
        await using var app = new PortalApp { Environment = environment };
        var browser = app.CreateClient();
        var page = Mau01Client.Parse(await browser.GetStringAsync(StatusLookupPage.Url));

        using var unknown = await PostLookupAsync(app, browser, page, new() { ["_handler"] = "khong-co-bieu-mau-nay" });
        await AssertShellPageAsync(unknown, "Biểu mẫu bạn gửi không còn trên trang", StatusLookupPage.Url);

        using var missing = await PostLookupAsync(app, browser, page, new() { ["_handler"] = null });
        await AssertShellPageAsync(missing, "Biểu mẫu bạn gửi không còn trên trang", StatusLookupPage.Url);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_body_over_the_limit_is_a_400_page_in_the_shell_saying_it_was_too_large(string environment)
    {
        await using var app = new PortalApp { Environment = environment };
        var browser = app.CreateClient();
        await browser.GetStringAsync(StatusLookupPage.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, StatusLookupPage.Url)
        {
            // Over Kestrel's 30,000,000-byte default, which the page keeps.
            Content = new ByteArrayContent(new byte[30_000_001]),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Referrer = new Uri(Referer(app, StatusLookupPage.Url));

        using var response = await browser.SendAsync(request);

        await AssertShellPageAsync(response, "Dữ liệu gửi lên quá lớn", StatusLookupPage.Url);
    }

    [Theory]
    [InlineData("https://example.com/tra-cuu/ho-so")]
    [InlineData("http://localhost//example.com/")]
    [InlineData("not a url")]
    public async Task The_back_link_goes_home_when_the_referer_is_not_a_page_of_the_portal(string referer)
    {
        await using var app = new PortalApp();
        var browser = app.CreateClient();
        var fields = new Dictionary<string, string> { ["Input.RecordNumber"] = "GD/2026/00001", ["_handler"] = "tra-cuu-ho-so" };
        using var request = new HttpRequestMessage(HttpMethod.Post, StatusLookupPage.Url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Referer", referer);

        using var response = await browser.SendAsync(request);

        await AssertShellPageAsync(response, "Phiên làm việc của biểu mẫu đã hết hạn", "/");
    }

    [Fact]
    public async Task Signing_out_with_a_stale_token_is_the_same_page_not_a_bare_400()
    {
        await using var app = new PortalApp();
        var browser = app.CreateClient();
        await browser.GetStringAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dang-xuat")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "cu" }),
        };
        request.Headers.Referrer = new Uri(Referer(app, "/tai-khoan"));

        using var response = await browser.SendAsync(request);

        await AssertShellPageAsync(response, "Phiên làm việc của biểu mẫu đã hết hạn", "/tai-khoan");
    }

    [Fact]
    public async Task A_valid_post_is_untouched()
    {
        await using var app = new PortalApp();
        var browser = app.CreateClient();
        var page = Mau01Client.Parse(await browser.GetStringAsync(StatusLookupPage.Url));

        using var response = await PostLookupAsync(app, browser, page, new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Tra cứu hồ sơ", Mau01Client.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main h1")!.TextContent);
    }
}
