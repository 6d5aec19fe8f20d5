using Portal.Domain.Declarations;
using Portal.Infrastructure.Files;
using Portal.Infrastructure.Persistence;
using Portal.Web.Features.Registration;

namespace Portal.Web.Features.BackOffice;

/// <summary>
/// A declaration's photo (<see cref="PhotoKind"/> by name) for staff whose scope covers it; anyone else, an unknown
/// kind and a photo the declaration has not get 404. Every view is recorded in the declaration's history (kind
/// Viewed, the photo's label as the note), and nothing of it is logged.
/// </summary>
public static class StaffPhotoEndpoint
{
    public static string PathOf(Guid id, PhotoKind kind) => $"/can-bo/ho-so/{id}/anh/{kind}";

    public static IEndpointRouteBuilder MapStaffPhotoEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/can-bo/ho-so/{id:guid}/anh/{kind}", async (Guid id, string kind, HttpContext http, PortalDbContext db, PhotoStore store,
            TimeProvider clock, CancellationToken ct) =>
        {
            // By name only: Enum.TryParse would also take "0" or "7".
            if (!Enum.GetNames<PhotoKind>().Contains(kind, StringComparer.Ordinal)) return Results.NotFound();
            var photoKind = Enum.Parse<PhotoKind>(kind);
            if (await StaffFileAccess.FindAsync(http, id, ct) is not (var scope, var declaration)) return Results.NotFound();
            if (declaration.Photos.FirstOrDefault(p => p.Kind == photoKind) is not { } photo) return Results.NotFound();
            if (await store.ReadAsync(photo.StorageKey, ct) is not { } bytes) return Results.NotFound();
            await StaffFileAccess.RecordViewAsync(db, scope, id, Labels.Of(photoKind), clock, ct);
            DeclarationFileEndpoints.NoStore(http);
            return Results.Bytes(bytes, photo.ContentType);
        }).RequireStaff();
        return app;
    }
}
