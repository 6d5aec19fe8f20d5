using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Settings;
using Portal.Web.Features.Lookup;
using Portal.Web.Features.Registration;

namespace Portal.Web.Hosting;

/// <summary>Per-IP limits of the named rate-limit policies (section <c>RateLimits</c>), per minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Ghi nhận posts (Mẫu 01 review step) per IP.</summary>
    [Range(1, 1_000_000)] public int SubmitPerMinute { get; set; } = 10;
    /// <summary>Tra cứu hồ sơ posts per IP: each tries a record number with a mã số BHXH.</summary>
    [Range(1, 1_000_000)] public int StatusLookupPerMinute { get; set; } = 20;
    /// <summary>Sign-in posts (citizen and staff) per IP.</summary>
    [Range(1, 1_000_000)] public int LoginPerMinute { get; set; } = 10;
    /// <summary>Posts that send or check an OTP (Quên mật khẩu, Đổi mật khẩu) per IP.</summary>
    [Range(1, 1_000_000)] public int PasswordResetPerMinute { get; set; } = 5;
    /// <summary>Captchas drawn (GETs of a page showing one) per IP and page.</summary>
    [Range(1, 1_000_000)] public int CaptchaPerMinute { get; set; } = 60;
    /// <summary>Audio captchas per IP: each starts an espeak-ng process.</summary>
    [Range(1, 1_000_000)] public int CaptchaAudioPerMinute { get; set; } = 20;
}

/// <summary>
/// Named rate-limit policies, attached with <c>[EnableRateLimiting]</c> on the pages (Blazor SSR forms post to the
/// page's own route) and <c>RequireRateLimiting</c> on endpoints (the audio captcha). Each counts per IP in a one-minute
/// window and only what costs: the page's form posts, the GETs of a page that draws a captcha image (against
/// <see cref="RateLimitOptions.CaptchaPerMinute"/>), every audio captcha. Browsing is never limited.
/// A refused request gets the Vietnamese 429 page with <c>Retry-After: 60</c>.
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Submit = "submit";
    public const string Otp = "otp";
    public const string StatusLookup = "status-lookup";
    public const string CaptchaAudio = "captcha-audio";

    private const int RetryAfterSeconds = 60;

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Login, http => Partition(http, o => o.LoginPerMinute, drawsCaptcha: true));
            options.AddPolicy(Otp, http => Partition(http, o => o.PasswordResetPerMinute, drawsCaptcha: true));
            // The Mẫu 01 page has every step on one route; only the review step's posts are Ghi nhận, and only it draws a captcha.
            options.AddPolicy(Submit, http => IsReviewStep(http)
                ? Partition(http, o => o.SubmitPerMinute, drawsCaptcha: true)
                : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(StatusLookup, http => Partition(http, o => o.StatusLookupPerMinute, drawsCaptcha: false));
            // The audio captcha endpoint: every request counts, GETs included.
            options.AddPolicy(CaptchaAudio, http => PerMinute("captcha-audio:" + Ip(http), Options(http).CaptchaAudioPerMinute));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers.CacheControl = "no-store";
                await http.Response.WriteAsync(TooManyRequestsPage(PolicyOf(http), http.Request.Path), cancellationToken);
            };
        });
        return services;
    }

    private static RateLimitOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string Ip(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The page's posts against its own limit; its GETs against the captcha limit when it draws one; else free.</summary>
    private static RateLimitPartition<string> Partition(HttpContext http, Func<RateLimitOptions, int> postsPerMinute, bool drawsCaptcha)
    {
        if (HttpMethods.IsPost(http.Request.Method)) return PerMinute("post:" + Ip(http), postsPerMinute(Options(http)));
        if (drawsCaptcha && HttpMethods.IsGet(http.Request.Method)) return PerMinute("captcha:" + Ip(http), Options(http).CaptchaPerMinute);
        return RateLimitPartition.GetNoLimiter("");
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static bool IsReviewStep(HttpContext http) =>
        http.GetRouteValue("StepNumber") is { } step && step.ToString() == ((int)Mau01Step.Review).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? PolicyOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    private static string TooManyRequestsPage(string? policy, PathString path) => $"""
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><title>Quá nhiều yêu cầu | Cổng dịch vụ công BHXH</title>
        <link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="noi-dung" class="container">
        <h1>Bạn đã gửi quá nhiều yêu cầu</h1>
        <p>{TooManyRequestsAdvice(policy, path)}</p>
        <p>Cần hỗ trợ, vui lòng gọi tổng đài 1900 9068.</p>
        </main></body></html>
        """;

    private static string TooManyRequestsAdvice(string? policy, PathString path) => policy switch
    {
        Submit => $"""
            Để bảo vệ hệ thống, mỗi địa chỉ mạng chỉ được ghi nhận một số tờ khai trong một phút. Thông tin bạn đã nhập vẫn được lưu.
            Vui lòng đợi khoảng một phút rồi <a href="{Mau01Steps.Url(Mau01Step.Review)}">quay lại trang ghi nhận</a>.
            """,
        StatusLookup => $"""
            Để bảo vệ hệ thống và thông tin hồ sơ, mỗi địa chỉ mạng chỉ được tra cứu hồ sơ một số lần trong một phút.
            Vui lòng đợi khoảng một phút rồi <a href="{StatusLookupPage.Url}">tra cứu lại</a>.
            """,
        // Đăng nhập, Quên mật khẩu, Đổi mật khẩu, a captcha: back to the page.
        _ => $"""
            Để bảo vệ hệ thống, mỗi địa chỉ mạng chỉ được gửi một số yêu cầu trong một phút.
            Vui lòng đợi khoảng một phút rồi <a href="{System.Net.WebUtility.HtmlEncode(path.Value)}">thử lại</a>.
            """,
    };
}
