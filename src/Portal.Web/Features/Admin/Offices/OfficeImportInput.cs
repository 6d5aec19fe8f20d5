namespace Portal.Web.Features.Admin.Offices;

/// <summary>The upload form of the office import.</summary>
public sealed class OfficeUploadInput
{
    public IFormFile? File { get; set; }
}

/// <summary>The save form of the office import: the file as previewed (Base64) and the digest of the changes shown.</summary>
public sealed class OfficeSaveInput
{
    public string? Csv { get; set; }
    public string? Fingerprint { get; set; }
}

public static class OfficeImportSizeGuard
{
    /// <summary>
    /// A post larger than the import page takes would reach the page as a failed antiforgery check (a bare 400);
    /// it is sent back to the page with a message instead.
    /// </summary>
    public static IApplicationBuilder UseOfficeImportSizeGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method)
                && string.Equals(http.Request.Path.Value?.TrimEnd('/'), OfficeImportPage.Url, StringComparison.OrdinalIgnoreCase)
                && http.Request.ContentLength > OfficeImportPage.MaxRequestBytes)
            {
                http.Response.Redirect($"{OfficeImportPage.Url}?loi=dung-luong");
                return;
            }
            await next();
        });
}
