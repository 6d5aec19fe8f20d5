namespace Portal.Infrastructure.Accounts;

/// <summary>The roles of the portal's accounts.</summary>
public static class PortalRoles
{
    public const string Citizen = "Citizen";
    /// <summary>Staff of one district or province office: its declarations only.</summary>
    public const string OfficeStaff = "OfficeStaff";
    /// <summary>Staff of a province office: the province office's declarations and its district offices'.</summary>
    public const string ProvinceStaff = "ProvinceStaff";
    /// <summary>Operators: everything, and the operator pages.</summary>
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Citizen, OfficeStaff, ProvinceStaff, Admin];

    public static bool IsStaff(string role) => role is OfficeStaff or ProvinceStaff;
}
