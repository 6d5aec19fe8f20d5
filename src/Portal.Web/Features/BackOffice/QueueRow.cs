using Portal.Domain.Declarations;
using Portal.Domain.Text;

namespace Portal.Web.Features.BackOffice;

/// <summary>One declaration in the Tiếp nhận hồ sơ queue, with its search text folded once.</summary>
public sealed record QueueRow(Guid Id, string RecordNumber, DeclarationKind Kind, DeclarationPurpose Purpose, string FullName, string MaSoBhxh,
    string? IdentityNumber, string OfficeCode, DeclarationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Opened)
{
    /// <summary>Record number, mã số BHXH, ID number and name, folded (<see cref="VietnameseText.Fold"/>).</summary>
    public string SearchText { get; } = VietnameseText.Fold($"{RecordNumber} {MaSoBhxh} {IdentityNumber} {FullName}");

    /// <summary>Whole days left to hand the form in, counted in Vietnam's calendar; null once it is no longer waiting.</summary>
    public int? DaysLeft(DateTimeOffset now) => Status == DeclarationStatus.Submitted
        ? Math.Max(0, Portal.Domain.VietnamTime.ToLocal(ExpiresAt).Date.Subtract(Portal.Domain.VietnamTime.ToLocal(now).Date).Days)
        : null;
}
