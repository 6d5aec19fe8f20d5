using FluentValidation;
using Portal.Domain.Offices;
using Portal.Web.Features.Registration;

namespace Portal.Web.Features.Admin.Offices;

/// <summary>The rules of an office's address and phone, for the edit form and every row of a CSV import; messages are shown as they are.</summary>
public sealed class OfficeContactValidator : AbstractValidator<OfficeContactInput>
{
    public static readonly OfficeContactValidator Instance = new();

    public OfficeContactValidator()
    {
        RuleFor(i => i.Address).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Vui lòng nhập địa chỉ của cơ quan.")
            .MaximumLength(OfficeContact.MaxAddressLength).WithMessage($"Địa chỉ dài tối đa {OfficeContact.MaxAddressLength} ký tự.")
            .Must(a => !TextInput.HasInvisibleCharacters(a)).WithMessage("Địa chỉ có ký tự điều khiển hoặc ký tự ẩn; vui lòng gõ lại.");
        RuleFor(i => i.Phone)
            .Must(p => OfficeContact.TryReadPhone(p!, out _))
            .WithMessage($"Số điện thoại gồm {OfficeContact.MinPhoneDigits} đến {OfficeContact.MaxPhoneDigits} chữ số, có thể có dấu cách, dấu chấm, gạch ngang, ngoặc đơn và +84 ở đầu, ví dụ 024 3874 7408 hoặc 1900 9068.")
            .When(i => !string.IsNullOrWhiteSpace(i.Phone));
    }

    /// <summary>The input cleaned as it will be kept: Unicode NFC, trimmed, inner whitespace collapsed.</summary>
    public static OfficeContactInput Clean(string? address, string? phone) => new() { Address = TextInput.Clean(address), Phone = TextInput.Clean(phone) };
}
