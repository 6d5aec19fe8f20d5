using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;

namespace Portal.Web.Features.Registration;

/// <summary>
/// Photos of a draft and the PDF of a declaration. Both are personal data: only the browser that
/// holds the draft token gets them (staff access comes with the back office). Anyone else gets a
/// 404, so the URLs reveal nothing about which records exist.
/// </summary>
public static class DeclarationFileEndpoints
{
    public static IEndpointRouteBuilder MapDeclarationFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dang-ky/anh/{kind}", async (string kind, HttpContext http, DraftService drafts, PhotoStore photos, CancellationToken ct) =>
        {
            var draft = await drafts.FindAsync(DraftCookie.Read(http), ct);
            if (draft is null || !Enum.TryParse<PhotoKind>(kind, out var photoKind)) return Results.NotFound();
            if (!DraftForm.FromJson(draft.FormJson).Photos.TryGetValue(photoKind, out var photo)) return Results.NotFound();
            var bytes = await photos.ReadAsync(photo.Key, ct);
            if (bytes is null) return Results.NotFound();
            NoStore(http);
            return Results.Bytes(bytes, photo.Format == PhotoFormat.Jpeg ? "image/jpeg" : "image/png");
        });

        app.MapGet("/ho-so/{id:guid}/mau-01.pdf", async (Guid id, string? tai, HttpContext http, PortalDbContext db, Mau01PdfService pdfs, CancellationToken ct) =>
        {
            var token = DraftCookie.Read(http);
            var declaration = await db.Declarations.AsNoTracking().Include(d => d.Photos).SingleOrDefaultAsync(d => d.Id == id, ct);
            if (declaration is null || token is null || !SameHash(DraftService.HashToken(token), declaration.SubmitterTokenHash))
                return Results.NotFound();
            var pdf = await pdfs.RenderAsync(declaration, ct);
            NoStore(http);
            var fileName = RecordNumber.TryParse(declaration.RecordNumber, out var number) ? number.FileName : "mau-01.pdf";
            if (tai == "1") return Results.File(pdf, "application/pdf", fileName);
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName }.ToString();
            return Results.Bytes(pdf, "application/pdf");
        });
        return app;
    }

    private static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "private, no-store";
}
