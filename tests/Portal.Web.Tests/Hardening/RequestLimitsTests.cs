using System.Net;
using Portal.Domain.Declarations;
using Portal.Web.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

public sealed class RequestLimitsTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public void The_mau01_limit_is_the_photos_of_one_post_plus_a_margin()
    {
        var mostPhotos = Enum.GetValues<DeclarationKind>().Max(kind => Labels.PhotosOf(kind).Count);

        Assert.Equal(RequestLimits.MaxPhotosPerPost, mostPhotos);
        Assert.Equal(RequestLimits.MaxPhotosPerPost * DeclarationPhoto.MaxBytes + RequestLimits.FormMargin, RequestLimits.Mau01MaxRequestBytes);
        Assert.True(RequestLimits.DefaultMaxRequestBytes < RequestLimits.Mau01MaxRequestBytes);
    }

    [Fact]
    public async Task Three_photos_at_the_photo_limit_reach_the_page()
    {
        var client = await Mau01Journey.StartAsync(app);
        var atLimit = new byte[DeclarationPhoto.MaxBytes];
        (atLimit[0], atLimit[1]) = (0xFF, 0xD8);

        var (response, page) = await client.PostFormAsync("/dang-ky/to-khai/1", [], new()
        {
            ["Input.Portrait"] = ("a.jpg", atLimit), ["Input.IdFront"] = ("b.jpg", atLimit), ["Input.IdBack"] = ("c.jpg", atLimit),
        });

        // Read and judged photo by photo (not a valid JPEG), not refused as a whole.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("dung-luong", response.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#Portrait-error"));
    }

    [Fact]
    public async Task A_text_form_over_the_default_limit_gets_the_vietnamese_400_page()
    {
        var client = new Mau01Client(app.CreateClient());
        var page = await client.GetAsync("/dang-nhap");

        var (response, refused) = await client.PostAsync(page, "/dang-nhap",
            new() { ["Input.UserName"] = new string('1', (int)RequestLimits.DefaultMaxRequestBytes + 1), ["Input.Password"] = "x" },
            formSelector: "main form");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Dữ liệu gửi lên quá lớn", refused.QuerySelector("main")!.TextContent);
        SecurityHeadersTests.AssertSecurityHeaders(response);
    }
}
