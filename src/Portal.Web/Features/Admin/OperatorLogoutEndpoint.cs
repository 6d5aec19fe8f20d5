using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Portal.Web.Features.Admin;

public static class OperatorLogoutEndpoint
{
    public const string Url = "/quan-tri/dang-xuat";

    /// <summary>A post (with the antiforgery token) that drops the operator's cookie.</summary>
    public static IEndpointRouteBuilder MapOperatorLogout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Url, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
            await context.SignOutAsync(OperatorGate.Scheme);
            return Results.Redirect("/");
        });
        return endpoints;
    }
}
