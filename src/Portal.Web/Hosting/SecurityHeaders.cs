using Portal.Web.Features.Admin;

namespace Portal.Web.Hosting;

/// <summary>
/// The security headers every response carries (pages, files, endpoints, error pages); HSTS (a year) is added outside
/// Development by <c>UseHsts</c>, on https requests to a host other than localhost.
/// No page has an inline script: citizen pages load no script at all and staff pages load <c>_framework/blazor.web.js</c>
/// from the site, whose circuit is a WebSocket (<c>/_blazor</c>) to the same origin, so <c>script-src 'self'</c> and
/// <c>connect-src 'self'</c> need neither a nonce nor a hash. Blazor's streaming and enhanced-form markup are
/// <c>&lt;template&gt;</c>/<c>&lt;blazor-ssr&gt;</c> elements, not scripts.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every page but Hangfire's dashboard.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        // 'self' covers ws:/wss: to the same host (CSP Level 3: every current browser).
        "connect-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    public const string ReferrerPolicy = "same-origin";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });

    /// <summary>
    /// Place first. The headers are written as the response starts, so a response the exception handler cleared and
    /// re-rendered (or the rate limiter, the status-code pages, the bad-request page wrote) still has them.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var policy = PolicyFor(context.Request);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers.ContentSecurityPolicy = policy;
                return Task.CompletedTask;
            });
            await next();
        });

    internal static string PolicyFor(HttpRequest request)
    {
        var policy = ContentSecurityPolicy;
        // Hangfire's dashboard (operators only) sets inline styles on its charts; every other page has none.
        return request.Path.StartsWithSegments(AdminNav.DashboardUrl)
            ? policy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal)
            : policy;
    }
}
