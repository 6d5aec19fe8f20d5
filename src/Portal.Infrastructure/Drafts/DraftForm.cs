using System.Text.Json;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Declarations;

namespace Portal.Infrastructure.Drafts;

/// <summary>A photo already checked and stored for a draft.</summary>
public sealed record StoredPhoto(string Key, PhotoFormat Format, int Width, int Height, long SizeBytes, string Sha256)
{
    public DeclarationPhoto ToDeclarationPhoto(PhotoKind kind) => new(kind, Key, Format, Width, Height, SizeBytes, Sha256);
}

/// <summary>What the person has entered so far, exactly as typed (validation happens per step and again at Ghi nhận).</summary>
public sealed class DraftForm
{
    public Dictionary<PhotoKind, StoredPhoto> Photos { get; set; } = [];
    public string? FullName { get; set; }
    public string? MaSoBhxh { get; set; }
    public string? IdentityNumber { get; set; }
    public string? GuardianMaSoBhxh { get; set; }
    public string? GuardianIdentityNumber { get; set; }
    public string? GuardianName { get; set; }
    /// <summary>
    /// Set when a signed-in guardian registers a child ("Đăng ký cho con"): the guardian's details come from
    /// that account and cannot be edited, and only that account may continue the draft.
    /// </summary>
    public Guid? GuardianAccountId { get; set; }
    public string? ContactPerson { get; set; }
    public string? Email { get; set; }
    public string? MobilePhone { get; set; }
    public string? UseFrom { get; set; }
    public TransactionChannel? Channel { get; set; }
    public string? IvanName { get; set; }
    /// <summary>
    /// The administrative scheme the address codes belong to, as the person chose it. Absent from drafts
    /// saved before the 2-tier scheme was offered: their codes are GSO codes.
    /// </summary>
    public string? AddressScheme { get; set; }
    [System.Text.Json.Serialization.JsonIgnore]
    public string Scheme => AddressScheme ?? (ProvinceCode is null ? AdministrativeScheme.Resolution202Of2025 : AdministrativeScheme.Gso3Tier);
    public string? ProvinceCode { get; set; }
    public string? DistrictCode { get; set; }
    public string? WardCode { get; set; }
    public string? Street { get; set; }
    public string? OfficeCode { get; set; }
    /// <summary>
    /// The office is the one suggested for the address (kept as preselected, or picked again): a changed address
    /// brings its own suggestion. An office the person chose instead stays whatever the address.
    /// </summary>
    public bool OfficeFollowsAddress { get; set; }
    public SubmissionMethod? SubmissionMethod { get; set; }
    public bool SendEmail { get; set; }
    /// <summary>The highest step completed, so later steps cannot be reached by URL before earlier ones.</summary>
    public int CompletedStep { get; set; }

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DraftForm FromJson(string json) => JsonSerializer.Deserialize<DraftForm>(json, Json) ?? new DraftForm();
}
