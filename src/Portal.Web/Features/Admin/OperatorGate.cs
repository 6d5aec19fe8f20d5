using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Portal.Infrastructure.Accounts;

namespace Portal.Web.Features.Admin;

/// <summary>
/// The operator pages under <c>/quan-tri</c> (job history, outbox, Hangfire's dashboard, which is no
/// endpoint an attribute could guard) are for the Admin role: a visitor who is not signed in is sent
/// to <c>/dang-nhap</c>, anyone else signed in gets 404, as if they did not exist.
/// </summary>
public static class OperatorGate
{
    public const string PathPrefix = "/quan-tri";

    public static IApplicationBuilder UseOperatorGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(PathPrefix))
            {
                await next();
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }
            if (!context.User.IsInRole(PortalRoles.Admin))
            {
                // The not-found page re-executed for a post would be a Blazor form post without its form, answered 400.
                if (!HttpMethods.IsGet(context.Request.Method) && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                    statusPages.Enabled = false;
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next();
        });
}
