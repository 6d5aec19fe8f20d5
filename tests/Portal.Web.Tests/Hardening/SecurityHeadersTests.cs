using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Web.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

public sealed class SecurityHeadersTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dang-ky")]
    [InlineData("/can-bo/dang-nhap")]
    [InlineData("/css/site.css")]
    [InlineData("/khong-co-trang-nay")]
    [InlineData("/healthz")]
    [InlineData("/api/dia-chi/gso/tinh")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_refused_form_post_keeps_the_security_headers()
    {
        // No antiforgery token: the portal's 400 page.
        using var response = await app.CreateClient().PostAsync("/tra-cuu/ho-so",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "tra-cuu-ho-so" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public void The_policy_allows_no_inline_script_and_no_framing()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries);

        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("connect-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("object-src 'none'", directives);
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task Pages_render_no_inline_script()
    {
        foreach (var url in new[] { "/", "/dang-ky", "/dang-nhap", "/tra-cuu/ho-so", "/can-bo/dang-nhap" })
        {
            var page = await app.GetDocumentAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("[onclick],[onload],[onsubmit],[onchange]"));
        }
    }

    [Fact]
    public async Task Production_sends_hsts_over_https()
    {
        await using var production = new PortalApp { Environment = "Production" };
        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example/") });

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Development_sends_no_hsts()
    {
        await using var development = new PortalApp { Environment = "Development" };
        using var client = development.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example/") });

        using var response = await client.GetAsync("/");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
    }
}
