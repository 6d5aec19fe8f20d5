namespace Portal.Web.Features.Registration;

/// <summary>A friendly answer to Mẫu 01 uploads over the size limit (the rate limits are in <see cref="Hosting.RateLimits"/>).</summary>
public static class SubmissionGuards
{
    private static readonly string PhotosPath = Mau01Steps.Url(Mau01Step.Photos);

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
}
