using System.Globalization;
using FluentValidation;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Drafts;

namespace Portal.Web.Features.Registration;

/// <summary>
/// The rules of Mẫu 01, one rule set per step. Ghi nhận runs every rule set again on the whole draft,
/// so a step skipped by typing a URL is still caught. Messages are the Vietnamese text shown next to the field.
/// </summary>
public sealed class Mau01Validator : AbstractValidator<DraftForm>
{
    private const string ChannelMissing = "Vui lòng chọn nơi đăng ký giao dịch.";
    private const string SubmissionMethodMissing = "Vui lòng chọn hình thức nộp hồ sơ.";

    public Mau01Validator(DeclarationKind kind, AdministrativeTree addresses, OfficeTree offices, DateOnly today)
    {
        // One message per field: an empty field is only "required", a wrong one only says what is wrong.
        RuleLevelCascadeMode = CascadeMode.Stop;
        var isChild = kind == DeclarationKind.Child;

        RuleSet(Mau01Steps.RuleSet(Mau01Step.Photos), () =>
        {
            foreach (var photoKind in Labels.PhotosOf(kind))
            {
                RuleFor(f => f.Photos).Must(p => p.ContainsKey(photoKind))
                    .OverridePropertyName(photoKind.ToString())
                    .WithMessage($"Vui lòng chọn {char.ToLowerInvariant(Labels.Of(photoKind)[0])}{Labels.Of(photoKind)[1..]}.");
            }
        });

        RuleSet(Mau01Steps.RuleSet(Mau01Step.Details), () =>
        {
            Name(f => f.FullName, FieldLabels.NameOf(kind), required: true);
            RuleFor(f => f.MaSoBhxh)
                .NotEmpty().WithMessage("Vui lòng nhập mã số bảo hiểm xã hội.")
                .Must(Identifiers.IsMaSoBhxh).WithMessage("Mã số bảo hiểm xã hội gồm đúng 10 chữ số.");
            if (isChild)
            {
                RuleFor(f => f.GuardianMaSoBhxh)
                    .Must(Identifiers.IsMaSoBhxh).When(f => !string.IsNullOrEmpty(f.GuardianMaSoBhxh))
                    .WithMessage("Mã số BHXH người giám hộ gồm đúng 10 chữ số.");
                Identity(f => f.GuardianIdentityNumber, "số CMND/HC/CC của người giám hộ");
                Name(f => f.GuardianName, FieldLabels.GuardianName, required: true);
            }
            else
            {
                Identity(f => f.IdentityNumber, "số CMND/HC/CC");
                Name(f => f.ContactPerson, FieldLabels.ContactPerson, required: true);
                RuleFor(f => f.Channel).Cascade(CascadeMode.Stop).NotNull().WithMessage(ChannelMissing).IsInEnum().WithMessage(ChannelMissing);
                RuleFor(f => f.IvanName)
                    .NotEmpty().When(f => f.Channel == TransactionChannel.Ivan).WithMessage("Vui lòng nhập tên tổ chức I-VAN.");
                Name(f => f.IvanName, FieldLabels.IvanName, required: false);
            }
            RuleFor(f => f.Email)
                .MaximumLength(Declaration.MaxEmailLength).WithMessage($"Địa chỉ thư điện tử dài tối đa {Declaration.MaxEmailLength} ký tự.")
                .Must(IsWellFormedEmail).WithMessage("Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn.")
                .When(f => !string.IsNullOrEmpty(f.Email));
            RuleFor(f => f.MobilePhone)
                .NotEmpty().WithMessage("Vui lòng nhập số điện thoại di động.")
                .Must(p => Identifiers.NormalizeMobile(p) is not null)
                .WithMessage("Số điện thoại di động không hợp lệ: cần 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể viết +84).");
            RuleFor(f => f.UseFrom)
                .Must(d => ParseDate(d) is { } date && date >= today && date <= today.AddYears(1))
                .When(f => !string.IsNullOrEmpty(f.UseFrom))
                .WithMessage("Ngày đăng ký sử dụng phải là một ngày từ hôm nay đến tối đa 1 năm tới.");
        });

        RuleSet(Mau01Steps.RuleSet(Mau01Step.Address), () =>
        {
            var threeTier = addresses.Scheme.Depth == 3;
            RuleFor(f => f.ProvinceCode).NotEmpty().WithMessage("Vui lòng chọn tỉnh/thành phố.");
            if (threeTier) RuleFor(f => f.DistrictCode).NotEmpty().WithMessage("Vui lòng chọn quận/huyện.");
            RuleFor(f => f.WardCode)
                .NotEmpty().WithMessage("Vui lòng chọn xã/phường/thị trấn.")
                .Must((f, _) => addresses.IsCompleteChain(threeTier ? [f.ProvinceCode, f.DistrictCode, f.WardCode] : [f.ProvinceCode, f.WardCode]))
                .When(f => !string.IsNullOrEmpty(f.ProvinceCode) && (!threeTier || !string.IsNullOrEmpty(f.DistrictCode)))
                .WithMessage(threeTier
                    ? "Xã/phường không thuộc quận/huyện, hoặc quận/huyện không thuộc tỉnh/thành phố đã chọn."
                    : "Xã/phường không thuộc tỉnh/thành phố đã chọn.");
            Name(f => f.Street, FieldLabels.Street, required: true, PostalAddress.MaxStreetLength);
        });

        RuleSet(Mau01Steps.RuleSet(Mau01Step.Office), () =>
        {
            RuleFor(f => f.OfficeCode).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Vui lòng chọn cơ quan BHXH tiếp nhận.")
                .Must(code => offices.Find(code) is not null).WithMessage("Cơ quan BHXH đã chọn không có trong danh mục.");
            RuleFor(f => f.SubmissionMethod).Cascade(CascadeMode.Stop).NotNull().WithMessage(SubmissionMethodMissing).IsInEnum().WithMessage(SubmissionMethodMissing);
            RuleFor(f => f.SendEmail).Must((f, send) => !send || !string.IsNullOrEmpty(f.Email))
                .WithMessage("Để gửi tờ khai qua email, vui lòng nhập địa chỉ thư điện tử ở bước Thông tin đăng ký.");
        });
    }

    /// <summary>One address with a local part and a dotted domain, as a mail server will accept it: "ten@example.vn".</summary>
    public static bool IsWellFormedEmail(string? value) =>
        value is not null
        && System.Net.Mail.MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.') && !address.Host.StartsWith('.') && !address.Host.EndsWith('.')
        && !value.Any(char.IsWhiteSpace)
        // MailAddress takes a zero-width space or a bidi control inside the host; no mail server delivers to that.
        && !TextInput.HasInvisibleCharacters(value);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private void Name(System.Linq.Expressions.Expression<Func<DraftForm, string?>> field, string label, bool required, int maxLength = Declaration.MaxNameLength)
    {
        var rule = RuleFor(field);
        if (required) rule.NotEmpty().WithMessage($"Vui lòng nhập {label.ToLowerInvariant()}.");
        rule.MaximumLength(maxLength).WithMessage($"{label} dài tối đa {maxLength} ký tự.")
            .Must(v => !TextInput.HasInvisibleCharacters(v)).WithMessage($"{label} có ký tự ẩn (ký tự không nhìn thấy); vui lòng gõ lại.");
    }

    private void Identity(System.Linq.Expressions.Expression<Func<DraftForm, string?>> field, string label) =>
        RuleFor(field)
            .NotEmpty().WithMessage($"Vui lòng nhập {label}.")
            .Must(v => Identifiers.IdentityTypeOf(v) is not null)
            .WithMessage("Số giấy tờ không hợp lệ: CMND gồm 9 chữ số, CCCD gồm 12 chữ số bắt đầu bằng mã tỉnh (ví dụ 001), hộ chiếu gồm 1 chữ cái và 7 chữ số.");
}
