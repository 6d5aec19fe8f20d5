namespace Portal.Web.Features.Registration;

/// <summary>The browser's handle on its Mẫu 01 draft, and after Ghi nhận on the declaration's PDF.</summary>
public static class DraftCookie
{
    public const string Name = "Portal.Mau01";

    public static string? Read(HttpContext http) => http.Request.Cookies[Name];

    public static void Write(HttpContext http, string token) =>
        http.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
            // Long enough to fetch the PDF again during the 10 days the declaration waits to be handed in.
            MaxAge = TimeSpan.FromDays(10),
        });
}
