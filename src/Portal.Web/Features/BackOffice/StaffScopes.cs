using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.ReferenceData;
using Portal.Infrastructure.Review;

namespace Portal.Web.Features.BackOffice;

/// <summary>The staff pages' roles, and the scope of the signed-in staff member, read afresh from the account store.</summary>
public static class StaffScopes
{
    public const string Roles = PortalRoles.OfficeStaff + "," + PortalRoles.ProvinceStaff + "," + PortalRoles.Admin;

    /// <summary>
    /// The scope of <paramref name="principal"/>'s account, with <paramref name="services"/> from the operation's own
    /// DI scope; null when the account is gone or is not staff.
    /// </summary>
    public static async Task<StaffScope?> OfAsync(IServiceProvider services, ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        if (await users.GetUserAsync(principal) is not { } user) return null;
        var roles = await users.GetRolesAsync(user);
        var offices = await services.GetRequiredService<OfficeDirectory>().GetTreeAsync(cancellationToken);
        return StaffScope.Of(user, roles.ToList(), offices);
    }
}
