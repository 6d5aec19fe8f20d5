namespace Portal.Web.Features.Shared;

/// <summary>Absolute links for messages that leave the site (SMS, email): <c>Portal:PublicBaseUrl</c>, else the request's own origin.</summary>
public static class PublicUrl
{
    public static string Of(HttpContext context, string path)
    {
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["Portal:PublicBaseUrl"];
        var origin = string.IsNullOrWhiteSpace(configured) ? $"{context.Request.Scheme}://{context.Request.Host}" : configured.TrimEnd('/');
        return origin + path;
    }
}
