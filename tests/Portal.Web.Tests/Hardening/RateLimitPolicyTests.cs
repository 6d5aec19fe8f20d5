using System.Net;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

public sealed class RateLimitPolicyTests
{
    [Theory]
    [InlineData("/dang-nhap", RateLimits.Login)]
    [InlineData("/can-bo/dang-nhap", RateLimits.Login)]
    [InlineData("/dang-ky/to-khai/{StepNumber:int}", RateLimits.Submit)]
    [InlineData("/tai-khoan/quen-mat-khau", RateLimits.Otp)]
    [InlineData("/tai-khoan/doi-mat-khau", RateLimits.Otp)]
    [InlineData("/tra-cuu/ho-so", RateLimits.StatusLookup)]
    [InlineData("/ma-kiem-tra/am-thanh/{token}", RateLimits.CaptchaAudio)]
    public async Task Each_limited_page_names_its_policy(string route, string policy)
    {
        await using var app = new PortalApp();
        _ = app.Server;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var endpoint = Assert.Single(endpoints, e => e.RoutePattern.RawText == route);

        Assert.Equal(policy, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        Assert.Null(endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>());
    }

    [Fact]
    public async Task The_steps_before_ghi_nhan_are_not_counted_as_submissions()
    {
        await using var app = new PortalApp { SubmitPerMinute = 1 };
        var client = await Mau01Journey.StartAsync(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await client.PostFormAsync("/dang-ky/to-khai/1", [], Mau01Journey.IndividualPhotos());
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Reading_a_limited_page_is_not_limited()
    {
        await using var app = new PortalApp { StatusLookupPerMinute = 1 };
        var client = app.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/tra-cuu/ho-so");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Otp_posts_are_limited_per_address()
    {
        await using var app = new PortalApp { Settings = { ["RateLimits:PasswordResetPerMinute"] = "1" } };
        var client = new Mau01Client(app.CreateClient());
        var page = await client.GetAsync("/tai-khoan/quen-mat-khau");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            var (response, answer) = await client.PostAsync(page, "/tai-khoan/quen-mat-khau",
                new() { ["Input.MaSoBhxh"] = "0123456789", ["Input.CaptchaAnswer"] = "X" }, formSelector: "main form");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("Bạn đã gửi quá nhiều yêu cầu", answer.QuerySelector("h1")!.TextContent);
                Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter!.Delta);
            }
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Captchas_drawn_per_address_are_limited_and_other_pages_stay_free()
    {
        await using var app = new PortalApp { Settings = { ["RateLimits:CaptchaPerMinute"] = "2" } };
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/dang-nhap");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Bạn đã gửi quá nhiều yêu cầu", await response.Content.ReadAsStringAsync());
                Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter!.Delta);
                SecurityHeadersTests.AssertSecurityHeaders(response);
            }
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        for (var i = 0; i < 3; i++)
        {
            using var home = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
    }
}
