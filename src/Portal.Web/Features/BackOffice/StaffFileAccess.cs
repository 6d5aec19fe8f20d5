using Portal.Domain.Declarations;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;

namespace Portal.Web.Features.BackOffice;

/// <summary>
/// What the staff file endpoints (PDF, photos) share: the staff roles, the declaration only when the signed-in
/// staff member's scope covers it, and a <c>Viewed</c> event in its history for every file served.
/// </summary>
public static class StaffFileAccess
{
    public static RouteHandlerBuilder RequireStaff(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(policy => policy.RequireRole(StaffScopes.Roles.Split(',')));

    /// <summary>Null for another office's declaration and for none at all alike, so the answer (404) tells nothing.</summary>
    public static async Task<(StaffScope Scope, Declaration Declaration)?> FindAsync(HttpContext http, Guid id, CancellationToken cancellationToken)
    {
        if (await StaffScopes.OfAsync(http.RequestServices, http.User, cancellationToken) is not { } scope) return null;
        var declaration = await http.RequestServices.GetRequiredService<DeclarationReview>().FindAsync(id, scope, cancellationToken);
        return declaration is null ? null : (scope, declaration);
    }

    /// <param name="which">The file, as the history lists it: "PDF", or the photo's label.</param>
    public static async Task RecordViewAsync(PortalDbContext db, StaffScope scope, Guid declarationId, string which, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        db.DeclarationEvents.Add(new DeclarationEvent(declarationId, DeclarationEventKind.Viewed, scope.UserId, scope.UserName, clock.GetUtcNow(), which));
        await db.SaveChangesAsync(cancellationToken);
    }
}
