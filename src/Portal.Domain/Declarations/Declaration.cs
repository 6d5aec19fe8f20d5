namespace Portal.Domain.Declarations;

/// <summary>The parts of a Mẫu 01 declaration that the citizen typed, already validated and normalised.</summary>
public sealed record DeclarationContent
{
    public required DeclarationKind Kind { get; init; }
    /// <summary>Tên cơ quan/tổ chức/cá nhân, or the child's Họ và tên.</summary>
    public required string FullName { get; init; }
    public required string MaSoBhxh { get; init; }
    /// <summary>Số CMND/HC/CC of the person (individual).</summary>
    public string? IdentityNumber { get; init; }
    public string? GuardianMaSoBhxh { get; init; }
    /// <summary>Số CMND/HC/CC của người giám hộ (child).</summary>
    public string? GuardianIdentityNumber { get; init; }
    /// <summary>Họ và tên người giám hộ (child): the guardian signs the child's form.</summary>
    public string? GuardianName { get; init; }
    public required PostalAddress Address { get; init; }
    public string? ContactPerson { get; init; }
    public string? Email { get; init; }
    public required string MobilePhone { get; init; }
    public DateOnly? UseFrom { get; init; }
    public TransactionChannel Channel { get; init; }
    public string? IvanName { get; init; }
    public required string OfficeCode { get; init; }
    public SubmissionMethod SubmissionMethod { get; init; }
    public bool SendEmail { get; init; }
}

/// <summary>
/// Địa chỉ liên hệ: a chain of administrative units of one scheme (3-tier GSO, or the 2-tier scheme in force
/// since 1 July 2025 with no district) plus house number and street, and the whole address written out.
/// </summary>
public sealed record PostalAddress(string SchemeCode, string ProvinceCode, string? DistrictCode, string WardCode, string Street, string FullText)
{
    public const int MaxSchemeCodeLength = 20;
    public const int MaxUnitCodeLength = 10;
    public const int MaxStreetLength = 200;
    public const int MaxFullTextLength = 500;
}

/// <summary>
/// A Mẫu 01 declaration after Ghi nhận. It lives 10 days in <see cref="DeclarationStatus.Submitted"/>
/// until the person hands in the signed form; staff then mark it received and accept or reject it.
/// </summary>
public sealed partial class Declaration
{
    public static readonly TimeSpan HandInPeriod = TimeSpan.FromDays(10);
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxRejectionReasonLength = 1000;

    private readonly List<DeclarationPhoto> _photos = [];

    private Declaration()
    {
        FullName = MaSoBhxh = MobilePhone = OfficeCode = SubmitterTokenHash = IdempotencyKey = string.Empty;
        Address = new PostalAddress(string.Empty, string.Empty, null, string.Empty, string.Empty, string.Empty);
    }

    public static Declaration Submit(DeclarationContent content, RecordNumber recordNumber, IEnumerable<DeclarationPhoto> photos,
        string idempotencyKey, string submitterTokenHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        var photoList = photos.ToList();
        var required = Labels.PhotosOf(content.Kind);
        if (photoList.Count != required.Count || required.Any(k => photoList.Count(p => p.Kind == k) != 1))
            throw new DomainRuleException($"A {content.Kind} declaration has exactly these photos: {string.Join(", ", required)}.");
        if (content.Kind == DeclarationKind.Individual && content.IdentityNumber is null)
            throw new DomainRuleException("An individual declaration has an identity number.");
        if (content.Kind == DeclarationKind.Child && content.GuardianIdentityNumber is null)
            throw new DomainRuleException("A child's declaration has the guardian's identity number.");
        if (content.Channel == TransactionChannel.Ivan && string.IsNullOrWhiteSpace(content.IvanName))
            throw new DomainRuleException("An I-VAN declaration names the I-VAN organisation.");
        if (!Identifiers.IsMaSoBhxh(content.MaSoBhxh))
            throw new DomainRuleException("Mã số BHXH has 10 digits.");
        if (string.IsNullOrWhiteSpace(idempotencyKey) || string.IsNullOrWhiteSpace(submitterTokenHash))
            throw new DomainRuleException("A declaration records its draft and the submitter's token.");

        var declaration = new Declaration
        {
            // Time-ordered, so the keys of declarations made one after the other sit together in every index
            // on them (their photos' and messages' too), and the purge, which goes in order of Ghi nhận,
            // finds a batch's rows in a few index pages instead of one page per row.
            Id = Guid.CreateVersion7(now),
            RecordNumber = recordNumber,
            RecordYear = recordNumber.Year,
            RecordSequence = recordNumber.Sequence,
            Kind = content.Kind,
            Status = DeclarationStatus.Submitted,
            CreatedAt = now,
            ExpiresAt = now + HandInPeriod,
            FullName = content.FullName,
            MaSoBhxh = content.MaSoBhxh,
            IdentityNumber = content.IdentityNumber,
            GuardianMaSoBhxh = content.GuardianMaSoBhxh,
            GuardianIdentityNumber = content.GuardianIdentityNumber,
            GuardianName = content.Kind == DeclarationKind.Child ? content.GuardianName : null,
            ContactPerson = content.ContactPerson,
            Email = content.Email,
            MobilePhone = content.MobilePhone,
            UseFrom = content.UseFrom,
            Channel = content.Channel,
            IvanName = content.Channel == TransactionChannel.Ivan ? content.IvanName : null,
            Address = content.Address,
            OfficeCode = content.OfficeCode,
            SubmissionMethod = content.SubmissionMethod,
            SendEmail = content.SendEmail && content.Email is not null,
            IdempotencyKey = idempotencyKey,
            SubmitterTokenHash = submitterTokenHash,
        };
        declaration._photos.AddRange(photoList);
        return declaration;
    }

    public Guid Id { get; private set; }
    public RecordNumber RecordNumber { get; private set; }
    public int RecordYear { get; private set; }
    public int RecordSequence { get; private set; }
    public DeclarationKind Kind { get; private set; }
    public DeclarationPurpose Purpose { get; private set; } = DeclarationPurpose.Register;
    public DeclarationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>When the reminder to hand in the form went out (3 days before deletion); null until then.</summary>
    public DateTimeOffset? WarningSentAt { get; private set; }
    public string? RejectionReason { get; private set; }

    public string FullName { get; private set; }
    public string MaSoBhxh { get; private set; }
    public string? IdentityNumber { get; private set; }
    public string? GuardianMaSoBhxh { get; private set; }
    public string? GuardianIdentityNumber { get; private set; }
    public string? GuardianName { get; private set; }
    public PostalAddress Address { get; private set; }
    public string? ContactPerson { get; private set; }
    public string? Email { get; private set; }
    public string MobilePhone { get; private set; }
    public DateOnly? UseFrom { get; private set; }
    public TransactionChannel Channel { get; private set; }
    public string? IvanName { get; private set; }
    public string OfficeCode { get; private set; }
    public SubmissionMethod SubmissionMethod { get; private set; }
    public bool SendEmail { get; private set; }

    /// <summary>The draft this declaration came from: a second Ghi nhận of the same draft finds it instead of making another.</summary>
    public string IdempotencyKey { get; private set; }
    /// <summary>SHA-256 of the token in the submitter's browser; it lets that browser fetch the PDF.</summary>
    public string SubmitterTokenHash { get; private set; }

    public IReadOnlyList<DeclarationPhoto> Photos => _photos;

    public Mau01Sms SmsText => new(MaSoBhxh, RecordNumber.ToString());

    /// <summary>The PDF's file name: the record number with "_" for "/" (GD_2026_00001.pdf).</summary>
    public string PdfFileName => RecordNumber.FileName;

    public void MarkReceived(DateTimeOffset now)
    {
        if (Status != DeclarationStatus.Submitted)
            throw new DomainRuleException($"Only a submitted declaration can be marked received; {RecordNumber} is {Status}.");
        Status = DeclarationStatus.Received;
        ReceivedAt = now;
    }

    /// <summary>How long before deletion the person is reminded to hand in the form.</summary>
    public static readonly TimeSpan WarningBeforeDeletion = TimeSpan.FromDays(3);

    /// <summary>The reminder goes out once, and only while the declaration waits to be handed in.</summary>
    public void MarkExpiryWarningSent(DateTimeOffset now)
    {
        if (Status != DeclarationStatus.Submitted)
            throw new DomainRuleException($"Only a submitted declaration is reminded of its deadline; {RecordNumber} is {Status}.");
        if (WarningSentAt is not null)
            throw new DomainRuleException($"The deadline reminder for {RecordNumber} was already sent.");
        WarningSentAt = now;
    }

    public void Accept(DateTimeOffset now)
    {
        if (Status != DeclarationStatus.Received)
            throw new DomainRuleException($"Only a received declaration can be accepted; {RecordNumber} is {Status}.");
        Status = DeclarationStatus.Accepted;
        DecidedAt = now;
    }

    public void Reject(string reason, DateTimeOffset now)
    {
        if (Status is not (DeclarationStatus.Submitted or DeclarationStatus.Received))
            throw new DomainRuleException($"A declaration that is {Status} cannot be rejected; {RecordNumber}.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("A rejection gives its reason.");
        Status = DeclarationStatus.Rejected;
        RejectionReason = reason.Trim();
        DecidedAt = now;
    }
}

/// <summary>The SMS sent after Ghi nhận, in the unaccented wording BHXH uses (DESIGN §4).</summary>
public readonly record struct Mau01Sms(string MaSoBhxh, string RecordNumber)
{
    public override string ToString() =>
        $"BHXHVN da nhan duoc to khai cua ma so {MaSoBhxh} voi so ho so la {RecordNumber}. Vui long den BHXH gan nhat de hoan tat thu tuc. Lien he 19009068 de duoc ho tro";
}

/// <summary>
/// The reminder 3 days before deletion, unaccented like <see cref="Mau01Sms"/>: the office and the
/// last day (Vietnam time) to hand in the signed form.
/// </summary>
public readonly record struct ExpiryWarningSms(string RecordNumber, string OfficeName, DateOnly Deadline)
{
    public override string ToString() =>
        $"BHXHVN: to khai so {RecordNumber} chua duoc nop. Vui long nop to khai da ky tai {Text.VietnameseText.RemoveDiacritics(OfficeName)} cham nhat ngay {Deadline:dd/MM/yyyy}, qua han to khai se tu dong bi xoa. Lien he 19009068 de duoc ho tro";
}
