namespace Portal.Web.Features.Account;

/// <summary>What the Điều chỉnh thông tin and Ngừng sử dụng forms post.</summary>
public sealed class ChangeRequestInput
{
    /// <summary>Made when the form is shown: a double post makes one declaration.</summary>
    public string? Key { get; set; }
    public string? NewEmail { get; set; }
    public string? NewMobilePhone { get; set; }
    public string? StopFrom { get; set; }
    public string? StopReason { get; set; }
    public bool Commitment { get; set; }
}
