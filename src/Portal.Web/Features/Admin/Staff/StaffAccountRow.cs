using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Admin.Staff;

/// <summary>A staff or admin account as the staff list shows it.</summary>
public sealed record StaffAccountRow(Guid Id, string UserName, string FullName, string Role, string? OfficeCode, string? OfficeName,
    string? Phone, string? Email, DateTimeOffset? DisabledAt, bool MustChangePassword, DateTimeOffset? LockoutEnd)
{
    public static readonly IReadOnlyList<string> Roles = [PortalRoles.OfficeStaff, PortalRoles.ProvinceStaff, PortalRoles.Admin];

    public bool CanReceivePassword => Phone is not null || Email is not null;

    public static string RoleText(string role) => role switch
    {
        PortalRoles.OfficeStaff => "Cán bộ cơ quan BHXH",
        PortalRoles.ProvinceStaff => "Cán bộ BHXH tỉnh",
        PortalRoles.Admin => "Quản trị hệ thống",
        _ => role,
    };

    /// <summary>Where a password for the account goes, masked: "SMS tới 09******78 và thư điện tử tới n***@example.vn".</summary>
    public static string DeliveryText(string? phone, string? email) => string.Join(" và ", new[]
    {
        phone is null ? null : $"SMS tới {PhoneMask.Mask(phone)}",
        email is null ? null : $"thư điện tử tới {EmailMask.Mask(email)}",
    }.OfType<string>());

    /// <summary>Every account in a staff role; an account in several is shown once, in its widest.</summary>
    public static async Task<List<StaffAccountRow>> ListAsync(PortalDbContext db, Portal.Domain.Offices.OfficeTree offices, CancellationToken cancellationToken = default)
    {
        var roles = Roles;
        var rows = await (
                from user in db.Users.AsNoTracking()
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where roles.Contains(role.Name!)
                select new { user.Id, user.UserName, user.FullName, Role = role.Name!, user.OfficeCode, user.PhoneNumber, user.Email, user.DisabledAt, user.MustChangePassword, user.LockoutEnd })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.Id)
            .Select(g => g.MaxBy(r => IndexOf(r.Role))!)
            .Select(r => new StaffAccountRow(r.Id, r.UserName!, r.FullName, r.Role, r.OfficeCode, offices.Find(r.OfficeCode)?.Name,
                r.PhoneNumber, r.Email, r.DisabledAt, r.MustChangePassword, r.LockoutEnd))
            .OrderBy(r => r.OfficeCode ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
    }

    private static int IndexOf(string role) => Roles.ToList().IndexOf(role);
}
