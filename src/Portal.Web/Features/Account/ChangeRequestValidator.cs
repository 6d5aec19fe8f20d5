using FluentValidation;
using Portal.Domain.Declarations;
using Portal.Web.Features.Registration;

namespace Portal.Web.Features.Account;

public sealed class ChangeRequestValidator : AbstractValidator<ChangeRequestInput>
{
    public ChangeRequestValidator(DeclarationPurpose purpose, DateOnly today)
    {
        RuleFor(i => i.Key).Must(k => k is { Length: 32 } && k.All(char.IsAsciiHexDigitLower))
            .WithMessage("Biểu mẫu đã cũ; vui lòng tải lại trang.");
        if (purpose == DeclarationPurpose.Amend)
        {
            RuleFor(i => i.NewEmail)
                .NotEmpty().When(i => string.IsNullOrWhiteSpace(i.NewMobilePhone), ApplyConditionTo.CurrentValidator)
                .WithMessage("Vui lòng nhập địa chỉ thư điện tử mới hoặc số điện thoại di động mới.")
                .MaximumLength(Portal.Domain.Declarations.Declaration.MaxEmailLength).WithMessage($"Địa chỉ thư điện tử dài tối đa {Portal.Domain.Declarations.Declaration.MaxEmailLength} ký tự.")
                .Must(Mau01Validator.IsWellFormedEmail).When(i => !string.IsNullOrWhiteSpace(i.NewEmail), ApplyConditionTo.CurrentValidator)
                .WithMessage("Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn.");
            RuleFor(i => i.NewMobilePhone)
                .Must(p => Identifiers.NormalizeMobile(p) is not null).When(i => !string.IsNullOrWhiteSpace(i.NewMobilePhone))
                .WithMessage("Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.");
        }
        else
        {
            RuleFor(i => i.StopFrom).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Vui lòng chọn ngày ngừng sử dụng.")
                .Must(d => Mau01Validator.ParseDate(d) is { } date && date >= today && date <= today.AddYears(1))
                .WithMessage("Ngày ngừng sử dụng từ hôm nay đến một năm tới.");
            RuleFor(i => i.StopReason).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Vui lòng nhập lý do ngừng.")
                .MaximumLength(ChangeRequest.MaxReasonLength).WithMessage($"{FieldLabels.StopReason} dài tối đa {ChangeRequest.MaxReasonLength} ký tự.")
                .Must(r => !TextInput.HasInvisibleCharacters(r)).WithMessage($"{FieldLabels.StopReason} có ký tự ẩn (ký tự không nhìn thấy); vui lòng gõ lại.");
        }
        RuleFor(i => i.Commitment).Equal(true).WithMessage("Vui lòng đánh dấu xác nhận lời cam kết trước khi ghi nhận.");
    }
}
