namespace Portal.Domain.Declarations;

/// <summary>
/// Mẫu 01's field labels as printed on the form. The web steps, the review, the validator's messages,
/// the staff pages and the PDF all take them from here.
/// </summary>
public static class FieldLabels
{
    public const string Name = "Tên cơ quan/tổ chức/cá nhân";
    public const string ChildName = "Họ và tên";
    public const string MaSoBhxh = "Mã số bảo hiểm xã hội";
    public const string IdentityNumber = "Số CMND/HC/CC";
    public const string GuardianName = "Họ và tên người giám hộ";
    public const string GuardianMaSoBhxh = "Mã số BHXH người giám hộ";
    public const string GuardianIdentityNumber = "Số CMND/HC/CC của người giám hộ";
    public const string Address = "Địa chỉ liên hệ";
    public const string Province = "Tỉnh/Thành phố";
    public const string District = "Quận/Huyện";
    public const string Ward = "Xã/Phường/Thị trấn";
    public const string Street = "Số nhà, đường phố, thôn/xóm";
    public const string ContactPerson = "Người liên hệ";
    public const string Email = "Địa chỉ thư điện tử";
    public const string MobilePhone = "Điện thoại di động";
    public const string GuardianMobilePhone = "Điện thoại di động của người giám hộ";
    public const string UseFrom = "Đăng ký sử dụng phương thức giao dịch điện tử từ ngày";
    public const string Channel = "Đăng ký giao dịch tại";
    public const string IvanName = "Tên tổ chức I-VAN";
    public const string Office = "Cơ quan BHXH tiếp nhận";
    public const string SubmissionMethod = "Hình thức nộp hồ sơ";
    public const string SendEmail = "Gửi email tờ khai";
    public const string NewEmail = "Địa chỉ thư điện tử mới";
    public const string NewMobilePhone = "Số điện thoại di động mới";
    public const string StopFrom = "Ngừng giao dịch điện tử từ ngày";
    public const string StopReason = "Lý do ngừng";

    public static string NameOf(DeclarationKind kind) => kind == DeclarationKind.Child ? ChildName : Name;
}
