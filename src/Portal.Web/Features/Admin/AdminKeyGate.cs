using System.Security.Cryptography;
using System.Text;

namespace Portal.Web.Features.Admin;

/// <summary>
/// Guards the operator pages under <c>/quan-tri</c> until staff accounts exist: the request carries the
/// configured <c>Admin:Key</c> in the <c>X-Admin-Key</c> header or the <c>key</c> query parameter. Without
/// a configured key the pages do not exist (404); a missing or wrong key is refused (403).
/// </summary>
public static class AdminKeyGate
{
    public const string PathPrefix = "/quan-tri";
    public const string HeaderName = "X-Admin-Key";

    public static IApplicationBuilder UseAdminKeyGate(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(PathPrefix))
            {
                await next();
                return;
            }
            var expected = configuration["Admin:Key"];
            if (string.IsNullOrWhiteSpace(expected))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            string? given = context.Request.Headers[HeaderName];
            if (string.IsNullOrEmpty(given)) given = context.Request.Query["key"];
            if (given is null || !CryptographicOperations.FixedTimeEquals(Hash(given), Hash(expected)))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            await next();
        });
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
