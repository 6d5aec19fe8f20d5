using System.Text.RegularExpressions;
using FluentValidation;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Accounts;
using Portal.Web.Features.Registration;

namespace Portal.Web.Features.Admin.Staff;

/// <summary>
/// A new staff account's rules, with the office tree and a look-up of the user names taken. A staff user name starts with
/// a letter, so it can never be a citizen's (the 10-digit mã số BHXH).
/// </summary>
public sealed partial class NewStaffAccountValidator : AbstractValidator<NewStaffAccountInput>
{
    public const int MaxUserNameLength = 50;

    public NewStaffAccountValidator(OfficeTree offices, Func<string, Task<bool>> userNameTaken)
    {
        RuleFor(i => i.UserName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Vui lòng nhập tên đăng nhập.")
            .Must(n => UserNamePattern().IsMatch(n!))
            .WithMessage($"Tên đăng nhập gồm 3 đến {MaxUserNameLength} ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ cái, ví dụ canbo.dongda.")
            .MustAsync(async (n, _) => !await userNameTaken(n!)).WithMessage("Tên đăng nhập này đã có tài khoản.");
        RuleFor(i => i.FullName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Vui lòng nhập họ và tên.")
            .MaximumLength(PortalUser.FullNameMaxLength).WithMessage($"Họ và tên dài tối đa {PortalUser.FullNameMaxLength} ký tự.")
            .Must(n => !TextInput.HasInvisibleCharacters(n)).WithMessage("Họ và tên có ký tự điều khiển hoặc ký tự ẩn; vui lòng gõ lại.");
        RuleFor(i => i.Role)
            .Must(r => StaffAccountRow.Roles.Contains(r!)).WithMessage("Vui lòng chọn vai trò.");
        RuleFor(i => i.OfficeCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Vui lòng nhập mã cơ quan BHXH của cán bộ.")
            .Must(c => offices.Find(c) is not null).WithMessage(i => $"Không có cơ quan BHXH mã {i.OfficeCode}.")
            .Must((i, c) => i.Role != PortalRoles.ProvinceStaff || offices.Find(c)!.IsProvinceOffice)
            .WithMessage("Cán bộ BHXH tỉnh thuộc một cơ quan BHXH tỉnh (mã 3 chữ số, ví dụ 001).")
            .When(i => PortalRoles.IsStaff(i.Role ?? ""));
        RuleFor(i => i.OfficeCode)
            .Empty().WithMessage("Tài khoản quản trị không thuộc cơ quan nào; để trống mã cơ quan.")
            .When(i => i.Role == PortalRoles.Admin);
        RuleFor(i => i.Phone)
            .NotEmpty().WithMessage("Cần số điện thoại di động hoặc địa chỉ thư điện tử để gửi mật khẩu lần đầu.")
            .When(i => string.IsNullOrEmpty(i.Email));
        RuleFor(i => i.Phone)
            .Must(p => Identifiers.NormalizeMobile(p) is not null).WithMessage("Số điện thoại di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09, ví dụ 0912 345 678.")
            .When(i => !string.IsNullOrEmpty(i.Phone));
        RuleFor(i => i.Email).Cascade(CascadeMode.Stop)
            .MaximumLength(Portal.Domain.Declarations.Declaration.MaxEmailLength).WithMessage($"Địa chỉ thư điện tử dài tối đa {Portal.Domain.Declarations.Declaration.MaxEmailLength} ký tự.")
            .Must(Mau01Validator.IsWellFormedEmail).WithMessage("Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn.")
            .When(i => !string.IsNullOrEmpty(i.Email));
    }

    /// <summary>The input as it will be kept: text cleaned, the user name in lower case, the phone as 10 digits when it is one.</summary>
    public static NewStaffAccountInput Clean(NewStaffAccountInput input) => new()
    {
        UserName = TextInput.Clean(input.UserName)?.ToLowerInvariant(),
        FullName = TextInput.Clean(input.FullName),
        Role = input.Role,
        OfficeCode = TextInput.Clean(input.OfficeCode),
        Phone = Identifiers.NormalizeMobile(input.Phone) ?? TextInput.Clean(input.Phone),
        Email = TextInput.Clean(input.Email),
    };

    [GeneratedRegex($"^[a-z][a-z0-9._-]{{2,49}}$")]
    private static partial Regex UserNamePattern();
}
