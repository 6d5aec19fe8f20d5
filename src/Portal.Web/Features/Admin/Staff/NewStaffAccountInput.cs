namespace Portal.Web.Features.Admin.Staff;

/// <summary>The form that makes a staff or admin account.</summary>
public sealed class NewStaffAccountInput
{
    public string? UserName { get; set; }
    public string? FullName { get; set; }
    public string? Role { get; set; }
    public string? OfficeCode { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}
