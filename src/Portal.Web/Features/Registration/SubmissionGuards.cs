using System.Threading.RateLimiting;

namespace Portal.Web.Features.Registration;

/// <summary>Limits on the Mẫu 01 posts: a per-IP rate on Ghi nhận and a friendly answer to uploads over the size limit.</summary>
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
        var permitsPerMinute = configuration.GetValue("RateLimits:SubmitPerMinute", 10);
        var loginsPerMinute = configuration.GetValue("RateLimits:LoginPerMinute", 10);
        var passwordResetsPerMinute = configuration.GetValue("RateLimits:PasswordResetPerMinute", 5);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("");
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var path = http.Request.Path;
                if (path.Equals(SubmitPath, StringComparison.OrdinalIgnoreCase)) return PerMinute("submit:" + ip, permitsPerMinute);
                if (path.Equals(Account.AccountSetup.LoginPath, StringComparison.OrdinalIgnoreCase)) return PerMinute("login:" + ip, loginsPerMinute);
                // Both steps of Quên mật khẩu post here: the mã số with its captcha, then the OTP.
                if (path.Equals(Account.ForgotPasswordPage.Url, StringComparison.OrdinalIgnoreCase)) return PerMinute("password-reset:" + ip, passwordResetsPerMinute);
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

    private static string TooManyRequestsPage(PathString path) => $"""
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><title>Quá nhiều yêu cầu | Cổng dịch vụ công BHXH</title>
        <link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="noi-dung" class="container">
        <h1>Bạn đã gửi quá nhiều yêu cầu</h1>
        {(path.Equals(SubmitPath, StringComparison.OrdinalIgnoreCase)
            ? """
              <p>Để bảo vệ hệ thống, mỗi địa chỉ mạng chỉ được ghi nhận một số tờ khai trong một phút. Thông tin bạn đã nhập vẫn được lưu.
              Vui lòng đợi khoảng một phút rồi <a href="/dang-ky/to-khai/5">quay lại trang ghi nhận</a>.</p>
              """
            // Đăng nhập, Quên mật khẩu: back to the form.
            : $"""
              <p>Để bảo vệ hệ thống, mỗi địa chỉ mạng chỉ được gửi một số yêu cầu trong một phút.
              Vui lòng đợi khoảng một phút rồi <a href="{System.Net.WebUtility.HtmlEncode(path.Value)}">thử lại</a>.</p>
              """)}
        <p>Cần hỗ trợ, vui lòng gọi tổng đài 1900 9068.</p>
        </main></body></html>
        """;
}
