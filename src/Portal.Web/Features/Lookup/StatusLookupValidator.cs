using FluentValidation;
using Portal.Domain.Declarations;

namespace Portal.Web.Features.Lookup;

/// <summary>The format of the two numbers of the status lookup; messages are the Vietnamese text shown next to the field.</summary>
public sealed class StatusLookupValidator : AbstractValidator<StatusLookupInput>
{
    public static readonly StatusLookupValidator Instance = new();

    public StatusLookupValidator()
    {
        RuleFor(i => i.RecordNumber).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Vui lòng nhập số hồ sơ.")
            .Must(n => RecordNumber.TryParseTyped(n, out _)).WithMessage("Số hồ sơ có dạng GD/2026/00001.");
        RuleFor(i => i.MaSoBhxh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Vui lòng nhập mã số BHXH.")
            .Must(Identifiers.IsMaSoBhxh).WithMessage("Mã số BHXH gồm 10 chữ số.");
    }
}
