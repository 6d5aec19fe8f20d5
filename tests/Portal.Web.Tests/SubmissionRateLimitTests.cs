using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class SubmissionRateLimitTests : IDisposable
{
    private readonly PortalApp _app = new() { SubmitPerMinute = 2 };

    [Fact]
    public async Task Too_many_ghi_nhan_posts_from_one_address_get_a_friendly_vietnamese_page()
    {
        var client = new Mau01Client(_app.CreateClient());
        await client.PostFormAsync("/dang-ky", new() { ["Kind"] = "Individual" });
        var page = await client.GetAsync("/dang-ky/to-khai/1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await client.PostAsync(page, "/dang-ky/to-khai/5", new() { ["Input.CaptchaAnswer"] = "X" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var html = await response.Content.ReadAsStringAsync();
                Assert.Contains("Bạn đã gửi quá nhiều yêu cầu", html);
                Assert.Equal("60", response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    public void Dispose() => _app.Dispose();
}
