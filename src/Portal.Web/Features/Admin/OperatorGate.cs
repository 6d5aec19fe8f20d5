using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.Web.Features.Admin;

/// <summary>
/// Guards the operator pages under <c>/quan-tri</c> (job history, outbox, Hangfire dashboard) until
/// staff accounts exist. An operator signs in on <see cref="LoginPath"/> with the configured
/// <c>Admin:Key</c> and gets a cookie of this path only; scripts send the key in the <c>X-Admin-Key</c>
/// header. Never in a query string, which ends up in logs and browser history. Without a configured
/// key the pages do not exist (404).
/// </summary>
public static class OperatorGate
{
    public const string PathPrefix = "/quan-tri";
    public const string LoginPath = "/quan-tri/dang-nhap";
    public const string HeaderName = "X-Admin-Key";
    public const string Role = "Admin";
    public const string Scheme = "Operator";

    public static IServiceCollection AddOperatorGate(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "portal.quan-tri";
            o.Cookie.Path = PathPrefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = LoginPath;
        });
        services.AddAuthorization();
        return services;
    }

    public static bool IsValidKey(IConfiguration configuration, string? given)
    {
        var expected = configuration["Admin:Key"];
        return !string.IsNullOrWhiteSpace(expected) && given is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    public static ClaimsPrincipal Operator() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, Role)], Scheme));

    public static IApplicationBuilder UseOperatorGate(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(PathPrefix))
            {
                await next();
                return;
            }
            if (string.IsNullOrWhiteSpace(configuration["Admin:Key"]))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            string? header = context.Request.Headers[HeaderName];
            if (header is not null)
            {
                if (!IsValidKey(configuration, header))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                context.User = Operator();
                await next();
                return;
            }
            var signedIn = await context.AuthenticateAsync(Scheme);
            if (signedIn.Succeeded && signedIn.Principal.IsInRole(Role))
            {
                context.User = signedIn.Principal;
                await next();
                return;
            }
            if (context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase))
            {
                await next();
                return;
            }
            if (HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect($"{LoginPath}?ReturnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                return;
            }
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        });
    }

    /// <summary>Where to go after signing in: a page of the operator area, never another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(PathPrefix + "/", StringComparison.Ordinal) && !returnUrl.StartsWith(LoginPath, StringComparison.Ordinal)
            && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Contains('\\')
            ? returnUrl
            : JobRunsPage.Url;
}
