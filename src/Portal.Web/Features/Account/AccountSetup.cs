using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Settings;

namespace Portal.Web.Features.Account;

/// <summary>Settings of the sign-in (section <c>Accounts</c>).</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>How often a session's cookie is checked against its account; zero checks on every request.</summary>
    public TimeSpan SessionCheckInterval { get; set; } = AccountSetup.DefaultSessionCheckInterval;
}

public static class AccountSetup
{
    public const string LoginPath = "/dang-nhap";
    /// <summary>The same sign-in worded for staff ("Cán bộ"), landing on Tiếp nhận hồ sơ.</summary>
    public const string StaffLoginPath = Components.App.StaffPathPrefix + "/dang-nhap";
    public const string LogoutPath = "/dang-xuat";

    /// <summary>How often a session's cookie is checked against its account (<c>Accounts:SessionCheckInterval</c>).</summary>
    public static readonly TimeSpan DefaultSessionCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>Identity's login cookie (Infrastructure registers the stores and the sign-in manager).</summary>
    public static IServiceCollection AddAccountCookies(this IServiceCollection services)
    {
        // A disabled account or a password issued anew changes the security stamp; its sessions end at their next check.
        services.AddValidatedOptions<AccountOptions>(AccountOptions.Section)
            .Rule(AccountOptions.Section, nameof(AccountOptions.SessionCheckInterval), o => o.SessionCheckInterval >= TimeSpan.Zero, "must not be negative");
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<AccountOptions>>((o, accounts) => o.ValidationInterval = accounts.Value.SessionCheckInterval);
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "portal.tai-khoan";
            o.Cookie.HttpOnly = true;
            // Lax: the link in an SMS opens the guardian's PDF with the login cookie.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            var toLogin = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = context =>
            {
                // A staff page's link, bookmarked or shared, leads to the staff wording of the sign-in.
                if (context.Request.Path.StartsWithSegments(Components.App.StaffPathPrefix))
                    context.RedirectUri = new UriBuilder(context.RedirectUri) { Path = context.Request.PathBase + StaffLoginPath }.Uri.AbsoluteUri;
                return toLogin(context);
            };
            // Another person's or a staff page: as if it did not exist.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>
    /// Someone whose password must change (the first one, or older than six months) sees only the change
    /// page until it is done.
    /// </summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(PortalClaimsPrincipalFactory.MustChangePasswordClaim, "true")
                && HttpMethods.IsGet(context.Request.Method)
                && !context.Request.Path.StartsWithSegments(ChangePasswordPage.Url)
                && !context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.Redirect(ChangePasswordPage.Url);
                return;
            }
            await next();
        });

    public static IEndpointRouteBuilder MapLogout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            await signIn.SignOutAsync();
            // On a shared computer the next person must not find the draft or the declaration just made.
            context.Response.Cookies.Delete(Registration.DraftCookie.Name, new CookieOptions { Path = "/" });
            return Results.Redirect("/");
        });
        return endpoints;
    }

    /// <summary>Where to go after signing in: a page of this site, never another one.</summary>
    public static string SafeReturnUrl(string? returnUrl, string fallback) =>
        returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] != '/' && returnUrl[1] != '\\' && !returnUrl.Contains("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith(LoginPath, StringComparison.OrdinalIgnoreCase)
            && !returnUrl.StartsWith(StaffLoginPath, StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : fallback;
}
