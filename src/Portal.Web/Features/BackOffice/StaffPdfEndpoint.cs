using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;
using Portal.Web.Features.Registration;

namespace Portal.Web.Features.BackOffice;

/// <summary>
/// A declaration's Mẫu 01 PDF for staff whose scope covers it; anyone else gets 404. Every view is recorded
/// in the declaration's history (kind Viewed, note "PDF"), and nothing of it is logged.
/// </summary>
public static class StaffPdfEndpoint
{
    public static string PathOf(Guid id) => $"/can-bo/ho-so/{id}/mau-01.pdf";

    public static IEndpointRouteBuilder MapStaffPdfEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/can-bo/ho-so/{id:guid}/mau-01.pdf", async (Guid id, HttpContext http, PortalDbContext db, Mau01PdfService pdfs,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (await StaffScopes.OfAsync(http.RequestServices, http.User, ct) is not { } scope) return Results.NotFound();
            var declaration = await db.Declarations.AsNoTracking().Include(d => d.Photos).SingleOrDefaultAsync(d => d.Id == id, ct);
            if (declaration is null || !scope.Covers(declaration.OfficeCode)) return Results.NotFound();
            var pdf = await pdfs.RenderAsync(declaration, ct);
            db.DeclarationEvents.Add(new DeclarationEvent(id, DeclarationEventKind.Viewed, scope.UserId, scope.UserName, clock.GetUtcNow(), "PDF"));
            await db.SaveChangesAsync(ct);
            return DeclarationFileEndpoints.InlinePdf(http, declaration, pdf);
        }).RequireAuthorization(policy => policy.RequireRole(StaffScopes.Roles.Split(',')));
        return app;
    }
}
