namespace Portal.Web.Features.Admin.Offices;

/// <summary>An office's address and phone as an admin typed them, on the edit form or in a row of the CSV.</summary>
public sealed class OfficeContactInput
{
    public string? Address { get; set; }
    public string? Phone { get; set; }
}
