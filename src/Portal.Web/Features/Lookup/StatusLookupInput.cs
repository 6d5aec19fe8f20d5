namespace Portal.Web.Features.Lookup;

/// <summary>What the status lookup posts, as typed: Số hồ sơ and Mã số BHXH.</summary>
public sealed class StatusLookupInput
{
    public string? RecordNumber { get; set; }
    public string? MaSoBhxh { get; set; }
}
