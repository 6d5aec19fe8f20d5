using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Web.Hosting;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hardening;

public sealed class ErrorHandlingTests : IDisposable
{
    private const string ThrowHeader = "X-Test-Throw";
    private readonly CapturedLogs _logs = new();
    private readonly PortalApp _app;

    public ErrorHandlingTests()
    {
        _app = new PortalApp
        {
            TestServices = services =>
            {
                _logs.AddTo(services);
                services.AddHttpContextAccessor();
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(provider => new ThrowingClock(provider.GetRequiredService<IHttpContextAccessor>()));
            },
        };
    }

    [Fact]
    public async Task A_broken_domain_rule_gets_the_vietnamese_409_page()
    {
        using var response = await GetThrowingAsync("/dang-nhap", "domain");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Yêu cầu không thực hiện được", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("header"));
        SecurityHeadersTests.AssertSecurityHeaders(response);
        var line = Assert.Single(_logs.Lines, l => l.Category == typeof(PortalExceptionHandler).FullName);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("A test rule.", line.Message);
    }

    [Fact]
    public async Task Any_other_exception_is_logged_with_a_trace_id_that_the_vietnamese_error_page_shows()
    {
        using var response = await GetThrowingAsync("/dang-nhap", "fault");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Có lỗi xảy ra", page.QuerySelector("h1")!.TextContent);
        var traceId = page.QuerySelector("main code")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(traceId));
        SecurityHeadersTests.AssertSecurityHeaders(response);
        var errors = _logs.Lines.Where(l => l.Level >= LogLevel.Error).ToList();
        var line = Assert.Single(errors);
        Assert.Equal(typeof(PortalExceptionHandler).FullName, line.Category);
        Assert.Contains(traceId, line.Message);
        Assert.Contains("InvalidOperationException", line.Exception);
    }

    [Fact]
    public async Task The_error_page_answers_directly_too()
    {
        using var response = await _app.CreateClient().GetAsync(PortalExceptionHandler.ErrorPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Có lỗi xảy ra", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> GetThrowingAsync(string url, string kind)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(ThrowHeader, kind);
        return await _app.CreateClient().SendAsync(request);
    }

    public void Dispose() => _app.Dispose();

    /// <summary>The system clock, which throws while a request carrying <see cref="ThrowHeader"/> renders a page other than the error page.</summary>
    private sealed class ThrowingClock(IHttpContextAccessor accessor) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            var request = accessor.HttpContext?.Request;
            if (request is not null && request.Path != PortalExceptionHandler.ErrorPath)
            {
                switch (request.Headers[ThrowHeader].ToString())
                {
                    case "domain": throw new DomainRuleException("A test rule.");
                    case "fault": throw new InvalidOperationException("A test fault.");
                }
            }
            return System.GetUtcNow();
        }
    }
}
