using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;
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
            if (await StaffFileAccess.FindAsync(http, id, ct) is not (var scope, var declaration)) return Results.NotFound();
            var pdf = await pdfs.RenderAsync(declaration, ct);
            await StaffFileAccess.RecordViewAsync(db, scope, id, "PDF", clock, ct);
            return DeclarationFileEndpoints.InlinePdf(http, declaration, pdf);
        }).RequireStaff();
        return app;
    }
}
