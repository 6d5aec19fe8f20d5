using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Pdf;

public sealed record Mau01Photo(byte[] Bytes, PhotoFormat Format);

/// <summary>Everything printed on one Mẫu 01 PDF, already formatted for the page.</summary>
public sealed record Mau01Document(
    string RecordNumber,
    DeclarationKind Kind,
    DateOnly DeclaredOn,
    /// <summary>The place on the "…, ngày … tháng … năm …" line: the province of the contact address, e.g. "Hà Nội".</summary>
    string PlaceName,
    string FullName,
    string MaSoBhxh,
    string? IdentityNumber,
    string? GuardianMaSoBhxh,
    string? GuardianIdentityNumber,
    /// <summary>House/street, ward, district, province.</summary>
    string Address,
    string? ContactPerson,
    string? Email,
    string MobilePhone,
    DateOnly? UseFrom,
    TransactionChannel Channel,
    string? IvanName,
    string OfficeName,
    string? OfficeAddress,
    string? OfficePhone,
    SubmissionMethod SubmissionMethod,
    /// <summary>None on a change request (sections 2 and 3): the box stays empty.</summary>
    Mau01Photo? Portrait,
    /// <summary>Text of the QR code: carries the record number (a staff URL to the record).</summary>
    string QrPayload)
{
    /// <summary>A child's guardian, who signs the child's form.</summary>
    public string? GuardianName { get; init; }
    public DeclarationPurpose Purpose { get; init; } = DeclarationPurpose.Register;
    public string? AmendedEmail { get; init; }
    public string? AmendedMobilePhone { get; init; }
    public DateOnly? StopFrom { get; init; }
    public string? StopReason { get; init; }
}

/// <summary>Renders the Mẫu 01 declaration as an A4 PDF.</summary>
public interface IMau01PdfRenderer
{
    byte[] Render(Mau01Document document);
}
