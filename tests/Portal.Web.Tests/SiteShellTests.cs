using Microsoft.AspNetCore.Builder;
using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class SiteShellTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dang-ky")]
    [InlineData("/dang-nhap")]
    [InlineData("/tra-cuu")]
    [InlineData("/tra-cuu/co-quan-bhxh")]
    [InlineData("/tra-cuu/ho-so")]
    public async Task Every_page_has_the_portal_shell(string url)
    {
        var page = await app.GetDocumentAsync(url);

        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        var skip = page.QuerySelector("a.skip-link")!;
        Assert.Equal("#noi-dung", skip.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#noi-dung"));
        Assert.NotNull(page.QuerySelector("header"));
        Assert.NotNull(page.QuerySelector("footer"));
        Assert.Contains("Bảo hiểm xã hội Việt Nam", page.QuerySelector("header")!.TextContent);
        var nav = page.QuerySelector("nav[aria-label]")!;
        Assert.Equal(["Trang chủ", "Đăng ký", "Tra cứu", "Đăng nhập"], nav.QuerySelectorAll("a").Select(a => a.TextContent.Trim()));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
    }

    [Fact]
    public async Task The_home_page_explains_the_service_in_the_words_of_the_seeds()
    {
        var page = await app.GetDocumentAsync("/");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("mẫu số 01", text);
        Assert.Contains("Ghi nhận", text);
        Assert.Contains("Trong thời gian 10 ngày kể từ ngày khai tờ khai", text);
        Assert.Contains("Đăng ký cho con", text);
        Assert.Contains("1900 9068", text);
    }

    [Fact]
    public async Task The_stylesheet_has_visible_focus_and_a_print_section()
    {
        var css = await app.CreateClient().GetStringAsync("/css/site.css");
        Assert.Contains(":focus-visible", css);
        Assert.Contains("@media print", css);
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_in_the_portal_shell()
    {
        using var response = await app.CreateClient().GetAsync("/khong-co-trang-nay");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_health_endpoint_checks_the_database()
    {
        using var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sqlite_database_is_created_in_the_configured_data_folder()
    {
        using var response = await app.CreateClient().GetAsync("/healthz");
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "portal.db")));
    }

    [Theory]
    [InlineData("HK4R0")]
    [InlineData("HK4")]
    public void A_fixed_captcha_code_outside_the_alphabet_stops_the_start_naming_the_key(string code)
    {
        var builder = WebApplication.CreateBuilder([$"--Captcha:FixedCode={code}", "--environment=Testing"]);
        var e = Assert.Throws<InvalidOperationException>(() => builder.AddPortal());
        Assert.StartsWith("Captcha:FixedCode must be 5 characters of the captcha alphabet", e.Message);
    }

    [Fact]
    public void A_missing_captcha_font_stops_the_start_naming_the_package()
    {
        var builder = WebApplication.CreateBuilder(["--Captcha:FontFile=/nonexistent/DejaVuSans-Bold.ttf", "--environment=Testing"]);
        var e = Assert.Throws<InvalidOperationException>(() => builder.AddPortal());
        Assert.StartsWith("The captcha font is missing", e.Message);
        Assert.Contains("fonts-dejavu-core", e.Message);
    }
}
