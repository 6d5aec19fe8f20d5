using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class OperatorGateTests
{
    private const string Key = "khoa-quan-tri-thu";
    private const string JobRuns = "/quan-tri/lich-su-tac-vu";
    private static readonly string[] OperatorPages = [JobRuns, "/quan-tri/hop-thu-di", "/quan-tri/hangfire"];

    private static HttpClient NoRedirects(PortalApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Without_a_configured_admin_key_the_operator_pages_do_not_exist()
    {
        await using var app = new PortalApp();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", "anything");

        foreach (var url in OperatorPages.Append("/quan-tri/dang-nhap"))
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_form_and_a_key_in_the_query_string_is_ignored()
    {
        await using var app = new PortalApp { AdminKey = Key };
        using var client = NoRedirects(app);

        foreach (var url in OperatorPages.Append(JobRuns + "?key=" + Key))
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/quan-tri/dang-nhap?ReturnUrl=", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task The_header_opens_every_operator_page_and_a_wrong_one_is_refused()
    {
        await using var app = new PortalApp { AdminKey = Key };
        using var wrong = NoRedirects(app);
        wrong.DefaultRequestHeaders.Add("X-Admin-Key", "sai");
        using var right = NoRedirects(app);
        right.DefaultRequestHeaders.Add("X-Admin-Key", Key);

        foreach (var url in OperatorPages)
        {
            using var refused = await wrong.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var allowed = await right.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.True(allowed.Headers.CacheControl?.NoStore, url);
        }
    }

    [Fact]
    public async Task The_login_form_refuses_a_wrong_key_and_a_right_one_opens_the_pages_until_logout()
    {
        await using var app = new PortalApp { AdminKey = Key };
        var browser = new Mau01Client(app.CreateClient());

        var (wrongResponse, wrongPage) = await browser.PostFormAsync("/quan-tri/dang-nhap?ReturnUrl=%2Fquan-tri%2Fhop-thu-di",
            new() { ["Input.Key"] = "sai" });
        Assert.Equal(HttpStatusCode.OK, wrongResponse.StatusCode);
        Assert.Equal("Khóa quản trị không đúng.", wrongPage.QuerySelector("#khoa-loi")?.TextContent);

        var (response, page) = await browser.PostFormAsync("/quan-tri/dang-nhap?ReturnUrl=%2Fquan-tri%2Fhop-thu-di",
            new() { ["Input.Key"] = Key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/quan-tri/hop-thu-di", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Hộp thư đi", page.QuerySelector("h1")?.TextContent);
        using (var dashboard = await browser.Http.GetAsync("/quan-tri/hangfire"))
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        var (_, home) = await browser.PostAsync(page, "/quan-tri/dang-xuat", [], formSelector: "nav.admin-nav form");
        Assert.NotNull(home.QuerySelector("main"));
        using var after = await browser.Http.GetAsync(JobRuns);
        Assert.Equal("/quan-tri/dang-nhap", after.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("https://example.com/", "/quan-tri/lich-su-tac-vu")]
    [InlineData("//example.com/quan-tri/", "/quan-tri/lich-su-tac-vu")]
    [InlineData("/quan-tri//example.com", "/quan-tri/lich-su-tac-vu")]
    [InlineData("/dang-ky", "/quan-tri/lich-su-tac-vu")]
    [InlineData("/quan-tri/hop-thu-di?trang-thai=Dead", "/quan-tri/hop-thu-di?trang-thai=Dead")]
    public void After_login_only_a_page_of_the_operator_area_is_a_destination(string returnUrl, string expected) =>
        Assert.Equal(expected, Portal.Web.Features.Admin.OperatorGate.SafeReturnUrl(returnUrl));
}
