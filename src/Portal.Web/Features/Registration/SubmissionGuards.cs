using System.Threading.RateLimiting;
using Portal.Web.Features.Lookup;

namespace Portal.Web.Features.Registration;

/// <summary>
/// Limits on the posts: per-IP rates on Ghi nhận, on the status lookup and on the sign-in (and on the audio captcha, a
/// GET that starts a process), and a friendly
/// answer to Mẫu 01 uploads over the size limit.
/// </summary>
public static class SubmissionGuards
{
    private static readonly string SubmitPath = Mau01Steps.Url(Mau01Step.Review);
    private static readonly string PhotosPath = Mau01Steps.Url(Mau01Step.Photos);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    public static IServiceCollection AddSubmissionRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var submitsPerMinute = configuration.GetValue("RateLimits:SubmitPerMinute", 10);
        var lookupsPerMinute = configuration.GetValue("RateLimits:StatusLookupPerMinute", 20);
        var loginsPerMinute = configuration.GetValue("RateLimits:LoginPerMinute", 10);
        var passwordResetsPerMinute = configuration.GetValue("RateLimits:PasswordResetPerMinute", 5);
        var captchaAudiosPerMinute = configuration.GetValue("RateLimits:CaptchaAudioPerMinute", 20);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var path = http.Request.Path;
                // Each audio captcha starts an espeak-ng process: a GET, but limited like the posts.
                if (path.StartsWithSegments(Shared.CaptchaAudioEndpoint.PathPrefix)) return PerMinute("captcha-audio:" + ip, captchaAudiosPerMinute);
                if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("");
                if (Is(path, SubmitPath)) return PerMinute("submit:" + ip, submitsPerMinute);
                // Each lookup tries a pair of numbers; the limit keeps guessing mã số BHXH slow.
                if (Is(path, StatusLookupPage.Url)) return PerMinute("status-lookup:" + ip, lookupsPerMinute);
                if (Is(path, Account.AccountSetup.LoginPath) || Is(path, Account.AccountSetup.StaffLoginPath)) return PerMinute("login:" + ip, loginsPerMinute);
                // Both steps of Quên mật khẩu post here: the mã số with its captcha, then the OTP.
                if (Is(path, Account.ForgotPasswordPage.Url)) return PerMinute("password-reset:" + ip, passwordResetsPerMinute);
                return RateLimitPartition.GetNoLimiter("");
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.ContentType = "text/html; charset=utf-8";
                response.Headers.RetryAfter = "60";
                await response.WriteAsync(TooManyRequestsPage(context.HttpContext.Request.Path), cancellationToken);
            };
        });
        return services;
    }

    /// <summary>
    /// Kestrel would cut a body over the page's limit and the form would fail its antiforgery check with a bare 400;
    /// send the person back to the photo step with a message instead.
    /// </summary>
    public static IApplicationBuilder UseOversizedUploadRedirect(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method)
                && http.Request.Path.StartsWithSegments("/dang-ky/to-khai")
                && http.Request.ContentLength > Mau01Page.MaxRequestBytes)
            {
                http.Response.Redirect($"{PhotosPath}?loi=dung-luong");
                return;
            }
            await next();
        });

    /// <summary>The router takes a page's path in any case and with a trailing slash; so must its limit.</summary>
    private static bool Is(PathString path, string url) =>
        string.Equals(path.Value?.TrimEnd('/'), url, StringComparison.OrdinalIgnoreCase);

    private static string TooManyRequestsPage(PathString path) => $"""
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><title>Quá nhiều yêu cầu | Cổng dịch vụ công BHXH</title>
        <link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="noi-dung" class="container">
        <h1>Bạn đã gửi quá nhiều yêu cầu</h1>
        <p>{TooManyRequestsAdvice(path)}</p>
        <p>Cần hỗ trợ, vui lòng gọi tổng đài 1900 9068.</p>
        </main></body></html>
        """;

    private static string TooManyRequestsAdvice(PathString path)
    {
        if (Is(path, SubmitPath))
        {
            return """
                Để bảo vệ hệ thống, mỗi địa chỉ mạng chỉ được ghi nhận một số tờ khai trong một phút. Thông tin bạn đã nhập vẫn được lưu.
                Vui lòng đợi khoảng một phút rồi <a href="/dang-ky/to-khai/5">quay lại trang ghi nhận</a>.
                """;
        }
        if (Is(path, StatusLookupPage.Url))
        {
            return $"""
                Để bảo vệ hệ thống và thông tin hồ sơ, mỗi địa chỉ mạng chỉ được tra cứu hồ sơ một số lần trong một phút.
                Vui lòng đợi khoảng một phút rồi <a href="{StatusLookupPage.Url}">tra cứu lại</a>.
                """;
        }
        // Đăng nhập, Quên mật khẩu: back to the form.
        return $"""
            Để bảo vệ hệ thống, mỗi địa chỉ mạng chỉ được gửi một số yêu cầu trong một phút.
            Vui lòng đợi khoảng một phút rồi <a href="{System.Net.WebUtility.HtmlEncode(path.Value)}">thử lại</a>.
            """;
    }
}
