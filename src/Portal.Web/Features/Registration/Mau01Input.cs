using Microsoft.AspNetCore.Http;
using Portal.Domain.Declarations;

namespace Portal.Web.Features.Registration;

/// <summary>Everything the Mẫu 01 steps post. Each step posts only its own fields; the rest come from the draft.</summary>
public sealed class Mau01Input
{
    public IFormFile? Portrait { get; set; }
    public IFormFile? IdFront { get; set; }
    public IFormFile? IdBack { get; set; }
    public IFormFile? BirthCertificate { get; set; }

    public string? FullName { get; set; }
    public string? MaSoBhxh { get; set; }
    public string? IdentityNumber { get; set; }
    public string? GuardianMaSoBhxh { get; set; }
    public string? GuardianIdentityNumber { get; set; }
    public string? GuardianName { get; set; }
    public string? ContactPerson { get; set; }
    public string? Email { get; set; }
    public string? MobilePhone { get; set; }
    public string? UseFrom { get; set; }
    public TransactionChannel? Channel { get; set; }
    public string? IvanName { get; set; }

    public string? AddressScheme { get; set; }
    public string? ProvinceCode { get; set; }
    public string? DistrictCode { get; set; }
    public string? WardCode { get; set; }
    public string? Street { get; set; }
    /// <summary>Which button was pressed: see <see cref="Mau01Actions"/>.</summary>
    public string? Action { get; set; }
    /// <summary>Set on a step opened by "Sửa" from the review: "Tiếp" goes back there.</summary>
    public bool ReturnToReview { get; set; }

    public string? OfficeCode { get; set; }
    /// <summary>The province office whose offices "Chọn cơ quan khác" lists.</summary>
    public string? OfficeProvinceCode { get; set; }
    public SubmissionMethod? SubmissionMethod { get; set; }
    public bool SendEmail { get; set; }

    public bool Commitment { get; set; }
    public string? CaptchaId { get; set; }
    public string? CaptchaAnswer { get; set; }

    public IFormFile? PhotoOf(PhotoKind kind) => kind switch
    {
        PhotoKind.Portrait => Portrait,
        PhotoKind.IdFront => IdFront,
        PhotoKind.IdBack => IdBack,
        PhotoKind.BirthCertificate => BirthCertificate,
        _ => null,
    };
}

/// <summary>The values of the steps' submit buttons.</summary>
public static class Mau01Actions
{
    public const string Next = "tiep";
    /// <summary>Saves the step as it is, unchecked, and goes back one step.</summary>
    public const string Back = "quay-lai";
    /// <summary>A no-JavaScript refresh of the address or office lists: saves, checks nothing, stays.</summary>
    public const string Refresh = "chon";
    /// <summary>Step 4's "Chọn cơ quan khác": saves, checks nothing, stays with a province select and its offices.</summary>
    public const string OtherOffice = "co-quan-khac";
    /// <summary>A new captcha image; what the step holds is kept.</summary>
    public const string NewCaptcha = "doi-ma";
}
