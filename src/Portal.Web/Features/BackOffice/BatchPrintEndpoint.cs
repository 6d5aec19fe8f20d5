using Portal.Domain;
using Portal.Infrastructure.Files;
using Portal.Web.Features.Registration;

namespace Portal.Web.Features.BackOffice;

/// <summary>
/// A ready batch print, for the staff member who made it only: anyone else, an unknown token and an expired file get 404.
/// The views were recorded when the file was made (<see cref="Infrastructure.Review.BatchPrint"/>).
/// </summary>
public static class BatchPrintEndpoint
{
    public static string PathOf(string token) => $"/can-bo/in/{token}.pdf";

    public static IEndpointRouteBuilder MapBatchPrintEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/can-bo/in/{token}.pdf", async (string token, HttpContext http, PrintFileStore files, TimeProvider clock, CancellationToken ct) =>
        {
            if (await StaffScopes.OfAsync(http.RequestServices, http.User, ct) is not { } scope) return Results.NotFound();
            if (files.Open(scope.UserId, token) is not { } file) return Results.NotFound();
            DeclarationFileEndpoints.NoStore(http);
            return Results.File(file, "application/pdf", $"in-ho-so-{VietnamTime.ToLocal(clock.GetUtcNow()):yyyyMMdd-HHmm}.pdf");
        }).RequireAuthorization(policy => policy.RequireRole(StaffScopes.Roles.Split(',')));
        return app;
    }
}
