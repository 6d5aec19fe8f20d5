using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Drafts;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Pdf;
using Portal.Infrastructure.Persistence;
using Portal.Web.Features.Account;

namespace Portal.Web.Features.Registration;

/// <summary>
/// Photos of a draft and the PDF of a declaration. Both are personal data. A draft's photos go only to
/// the browser that holds the draft token. The PDF goes to that browser, to the signed-in account whose
/// declaration it is (<see cref="AccountDeclarations"/>), and to a link signed by
/// <see cref="DeclarationPdfLinks"/> (staff access comes with the back office). Anyone else gets a 404,
/// so the URLs reveal nothing about which records exist.
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

        app.MapGet(PdfPath("{id:guid}"), async (Guid id, string? tai, [FromQuery(Name = DeclarationPdfLinks.TokenParameter)] string? link,
            HttpContext http, PortalDbContext db, Mau01PdfService pdfs, DeclarationPdfLinks links, CancellationToken ct) =>
        {
            var declaration = await db.Declarations.AsNoTracking().Include(d => d.Photos).SingleOrDefaultAsync(d => d.Id == id, ct);
            if (declaration is null || !(IsSubmitter(http, declaration) || AccountDeclarations.Includes(http.User, declaration) || links.IsValid(link, id)))
                return Results.NotFound();
            var pdf = await pdfs.RenderAsync(declaration, ct);
            if (tai != "1") return InlinePdf(http, declaration, pdf);
            NoStore(http);
            return Results.File(pdf, "application/pdf", declaration.PdfFileName);
        });
        return app;
    }

    /// <summary>Where a declaration's PDF is served: shown in the browser, or as a download.</summary>
    public static string PdfPath(Guid declarationId, bool download = false) =>
        PdfPath(declarationId.ToString()) + (download ? "?tai=1" : "");

    private static string PdfPath(string id) => $"/ho-so/{id}/mau-01.pdf";

    /// <summary>The PDF's file name: the record number with <c>_</c> for <c>/</c> (DESIGN §4).</summary>

    /// <summary>A declaration's PDF shown in the browser under its file name, kept out of every cache.</summary>
    public static IResult InlinePdf(HttpContext http, Declaration declaration, byte[] pdf)
    {
        NoStore(http);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = declaration.PdfFileName }.ToString();
        return Results.Bytes(pdf, "application/pdf");
    }

    /// <summary>The browser that made the declaration: it holds the token whose hash the declaration keeps.</summary>
    private static bool IsSubmitter(HttpContext http, Declaration declaration) =>
        DraftCookie.Read(http) is { } token && SameHash(DraftService.HashToken(token), declaration.SubmitterTokenHash);

    private static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    internal static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "private, no-store";
}
