using Portal.Domain.Offices;
using Portal.Infrastructure.Accounts;

namespace Portal.Infrastructure.Review;

/// <summary>
/// The offices whose declarations a staff member may see and act on: office staff their own office,
/// province staff the province office and its district offices, admins all of them (<see cref="OfficeCodes"/> null).
/// </summary>
public sealed record StaffScope(Guid UserId, string UserName, IReadOnlySet<string>? OfficeCodes)
{
    public bool Covers(string officeCode) => OfficeCodes is null || OfficeCodes.Contains(officeCode);

    /// <summary>The scope of an account with these roles and office; null for an account that is not staff or is disabled.</summary>
    public static StaffScope? Of(PortalUser user, IReadOnlyCollection<string> roles, OfficeTree offices)
    {
        // An open circuit outlives the disabling of its account; every operation reads the scope afresh.
        if (user.IsDisabled) return null;
        if (roles.Contains(PortalRoles.Admin)) return new(user.Id, user.UserName!, null);
        if (user.OfficeCode is not { } code || offices.Find(code) is not { } office) return null;
        if (roles.Contains(PortalRoles.ProvinceStaff) && office.IsProvinceOffice)
        {
            var node = offices.Provinces.Single(p => p.Office.Code == office.Code);
            return new(user.Id, user.UserName!, node.Children.Select(c => c.Office.Code).Append(office.Code).ToHashSet());
        }
        return roles.Contains(PortalRoles.OfficeStaff) ? new(user.Id, user.UserName!, new HashSet<string> { office.Code }) : null;
    }
}
