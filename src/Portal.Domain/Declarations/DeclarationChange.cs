namespace Portal.Domain.Declarations;

/// <summary>
/// An account holder's Mẫu 01 for section 2 (Điều chỉnh thông tin: a new email or mobile number) or
/// section 3 (Ngừng sử dụng: from a date, for a reason). The declarant's part comes from the account;
/// no photos: the office already holds them from the registration.
/// </summary>
public sealed record ChangeRequest
{
    public const int MaxReasonLength = 500;

    public required DeclarationPurpose Purpose { get; init; }
    public required string FullName { get; init; }
    public required string MaSoBhxh { get; init; }
    public string? IdentityNumber { get; init; }
    public required PostalAddress Address { get; init; }
    public required string MobilePhone { get; init; }
    public string? Email { get; init; }
    public required string OfficeCode { get; init; }
    public string? NewEmail { get; init; }
    public string? NewMobilePhone { get; init; }
    public DateOnly? StopFrom { get; init; }
    public string? StopReason { get; init; }
}

public sealed partial class Declaration
{
    public string? AmendedEmail { get; private set; }
    public string? AmendedMobilePhone { get; private set; }
    public DateOnly? StopFrom { get; private set; }
    public string? StopReason { get; private set; }

    public static Declaration RequestChange(ChangeRequest request, RecordNumber recordNumber, string idempotencyKey, string submitterTokenHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Purpose)
        {
            case DeclarationPurpose.Amend when request.NewEmail is null && request.NewMobilePhone is null:
                throw new DomainRuleException("An amendment gives a new email or a new mobile number.");
            case DeclarationPurpose.Stop when request.StopFrom is null || string.IsNullOrWhiteSpace(request.StopReason):
                throw new DomainRuleException("Stopping gives a date and a reason.");
            case DeclarationPurpose.Register:
                throw new DomainRuleException("A registration is submitted with its photos, not as a change.");
        }
        if (!Identifiers.IsMaSoBhxh(request.MaSoBhxh)) throw new DomainRuleException("Mã số BHXH has 10 digits.");
        if (string.IsNullOrWhiteSpace(idempotencyKey) || string.IsNullOrWhiteSpace(submitterTokenHash))
            throw new DomainRuleException("A declaration records its idempotency key and the submitter's token.");
        var declaration = new Declaration
        {
            Id = Guid.CreateVersion7(now),
            RecordNumber = recordNumber,
            RecordYear = recordNumber.Year,
            RecordSequence = recordNumber.Sequence,
            Kind = DeclarationKind.Individual,
            Purpose = request.Purpose,
            Status = DeclarationStatus.Submitted,
            CreatedAt = now,
            ExpiresAt = now + HandInPeriod,
            FullName = request.FullName,
            MaSoBhxh = request.MaSoBhxh,
            IdentityNumber = request.IdentityNumber,
            Address = request.Address,
            Email = request.Email,
            MobilePhone = request.MobilePhone,
            Channel = TransactionChannel.BhxhPortal,
            OfficeCode = request.OfficeCode,
            SubmissionMethod = SubmissionMethod.AtOffice,
            SendEmail = request.Email is not null,
            AmendedEmail = request.Purpose == DeclarationPurpose.Amend ? request.NewEmail : null,
            AmendedMobilePhone = request.Purpose == DeclarationPurpose.Amend ? request.NewMobilePhone : null,
            StopFrom = request.Purpose == DeclarationPurpose.Stop ? request.StopFrom : null,
            StopReason = request.Purpose == DeclarationPurpose.Stop ? request.StopReason!.Trim() : null,
            IdempotencyKey = idempotencyKey,
            SubmitterTokenHash = submitterTokenHash,
        };
        return declaration;
    }
}
