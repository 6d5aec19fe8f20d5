using System.Text;
using FluentValidation;
using Portal.Domain.AdministrativeUnits;
using Portal.Domain.Declarations;
using Portal.Domain.Offices;
using Portal.Infrastructure.Drafts;
using Portal.Web.Features.Registration;

namespace Portal.Web.Tests;

public sealed class Mau01ValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static readonly AdministrativeTree Addresses = new(new AdministrativeScheme("gso", "3 cấp", 3),
    [
        new AdministrativeUnit("gso", "01", "Thành phố Hà Nội", "Thành phố", null),
        new AdministrativeUnit("gso", "009", "Quận Thanh Xuân", "Quận", "01"),
        new AdministrativeUnit("gso", "00343", "Phường Nhân Chính", "Phường", "009"),
        new AdministrativeUnit("gso", "006", "Quận Đống Đa", "Quận", "01"),
        new AdministrativeUnit("gso", "00208", "Phường Nam Đồng", "Phường", "006"),
        new AdministrativeUnit("gso", "79", "Thành phố Hồ Chí Minh", "Thành phố", null),
        new AdministrativeUnit("gso", "778", "Quận 7", "Quận", "79"),
    ]);

    private static readonly OfficeTree Offices = new(
    [
        BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed),
        BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed),
    ]);

    private static DraftForm Valid() => new()
    {
        FullName = "Nguyễn Thị Hồng Nhung",
        MaSoBhxh = "0123456789",
        IdentityNumber = "001190012345",
        ContactPerson = "Trần Văn Đức",
        Email = "nhung@example.vn",
        MobilePhone = "0912345678",
        UseFrom = "2026-12-01",
        Channel = TransactionChannel.BhxhPortal,
        ProvinceCode = "01",
        DistrictCode = "009",
        WardCode = "00343",
        Street = "Số 12 ngõ 34 phố Nguyễn Trãi",
        OfficeCode = "00106",
        SubmissionMethod = SubmissionMethod.AtOffice,
        Photos = new()
        {
            [PhotoKind.Portrait] = new StoredPhoto(new string('a', 40), PhotoFormat.Jpeg, 600, 800, 1, "x"),
            [PhotoKind.IdFront] = new StoredPhoto(new string('b', 40), PhotoFormat.Jpeg, 600, 800, 1, "x"),
            [PhotoKind.IdBack] = new StoredPhoto(new string('c', 40), PhotoFormat.Jpeg, 600, 800, 1, "x"),
        },
    };

    private static Dictionary<string, string> Errors(DraftForm form, DeclarationKind kind = DeclarationKind.Individual)
    {
        var result = new Mau01Validator(kind, Addresses, Offices, Today).Validate(form,
            o => o.IncludeRuleSets(Mau01Steps.All.Select(Mau01Steps.RuleSet).ToArray()));
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
    }

    [Fact]
    public void A_complete_individual_form_passes() => Assert.Empty(Errors(Valid()));

    public static TheoryData<string, Action<DraftForm>, string> Rules => new()
    {
        { "FullName", f => f.FullName = null, "Vui lòng nhập tên cơ quan/tổ chức/cá nhân." },
        { "FullName", f => f.FullName = new string('A', 201), "Tên cơ quan/tổ chức/cá nhân dài tối đa 200 ký tự." },
        { "FullName", f => f.FullName = "Nguyễn\u200BThị", "Tên cơ quan/tổ chức/cá nhân có ký tự ẩn (ký tự không nhìn thấy); vui lòng gõ lại." },
        { "FullName", f => f.FullName = "Nguyễn\uFEFFThị", "Tên cơ quan/tổ chức/cá nhân có ký tự ẩn (ký tự không nhìn thấy); vui lòng gõ lại." },
        { "FullName", f => f.FullName = "Nguyễn\u0007Thị", "Tên cơ quan/tổ chức/cá nhân có ký tự ẩn (ký tự không nhìn thấy); vui lòng gõ lại." },
        { "MaSoBhxh", f => f.MaSoBhxh = "01234567890", "Mã số bảo hiểm xã hội gồm đúng 10 chữ số." },
        { "MaSoBhxh", f => f.MaSoBhxh = "012345678", "Mã số bảo hiểm xã hội gồm đúng 10 chữ số." },
        { "MaSoBhxh", f => f.MaSoBhxh = "012345678O", "Mã số bảo hiểm xã hội gồm đúng 10 chữ số." },
        { "MaSoBhxh", f => f.MaSoBhxh = "", "Vui lòng nhập mã số bảo hiểm xã hội." },
        { "IdentityNumber", f => f.IdentityNumber = "12345678", "Số giấy tờ không hợp lệ: CMND gồm 9 chữ số, CCCD gồm 12 chữ số bắt đầu bằng mã tỉnh (ví dụ 001), hộ chiếu gồm 1 chữ cái và 7 chữ số." },
        { "IdentityNumber", f => f.IdentityNumber = "999190012345", "Số giấy tờ không hợp lệ: CMND gồm 9 chữ số, CCCD gồm 12 chữ số bắt đầu bằng mã tỉnh (ví dụ 001), hộ chiếu gồm 1 chữ cái và 7 chữ số." },
        { "IdentityNumber", f => f.IdentityNumber = "AB123456", "Số giấy tờ không hợp lệ: CMND gồm 9 chữ số, CCCD gồm 12 chữ số bắt đầu bằng mã tỉnh (ví dụ 001), hộ chiếu gồm 1 chữ cái và 7 chữ số." },
        { "ContactPerson", f => f.ContactPerson = null, "Vui lòng nhập người liên hệ." },
        { "Email", f => f.Email = "nhung@example", "Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn." },
        { "Email", f => f.Email = "nhung example.vn", "Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn." },
        { "Email", f => f.Email = "Nhung <nhung@example.vn>", "Địa chỉ thư điện tử không đúng định dạng, ví dụ: ten@example.vn." },
        { "Email", f => f.Email = new string('a', 250) + "@x.vn", "Địa chỉ thư điện tử dài tối đa 254 ký tự." },
        { "MobilePhone", f => f.MobilePhone = "0212345678", "Số điện thoại di động không hợp lệ: cần 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể viết +84)." },
        { "MobilePhone", f => f.MobilePhone = null, "Vui lòng nhập số điện thoại di động." },
        { "UseFrom", f => f.UseFrom = "2026-11-20", "Ngày đăng ký sử dụng phải là một ngày từ hôm nay đến tối đa 1 năm tới." },
        { "UseFrom", f => f.UseFrom = "21/11/2026", "Ngày đăng ký sử dụng phải là một ngày từ hôm nay đến tối đa 1 năm tới." },
        { "Channel", f => f.Channel = null, "Vui lòng chọn nơi đăng ký giao dịch." },
        { "IvanName", f => f.Channel = TransactionChannel.Ivan, "Vui lòng nhập tên tổ chức I-VAN." },
        { "ProvinceCode", f => f.ProvinceCode = null, "Vui lòng chọn tỉnh/thành phố." },
        { "WardCode", f => f.WardCode = "00208", "Xã/phường không thuộc quận/huyện, hoặc quận/huyện không thuộc tỉnh/thành phố đã chọn." },
        { "WardCode", f => f.DistrictCode = "778", "Xã/phường không thuộc quận/huyện, hoặc quận/huyện không thuộc tỉnh/thành phố đã chọn." },
        { "Street", f => f.Street = new string('x', 201), "Số nhà, đường phố, thôn/xóm dài tối đa 200 ký tự." },
        { "OfficeCode", f => f.OfficeCode = "99999", "Cơ quan BHXH đã chọn không có trong danh mục." },
        { "OfficeCode", f => f.OfficeCode = null, "Vui lòng chọn cơ quan BHXH tiếp nhận." },
        { "SubmissionMethod", f => f.SubmissionMethod = null, "Vui lòng chọn hình thức nộp hồ sơ." },
        { "SubmissionMethod", f => f.SubmissionMethod = (SubmissionMethod)99, "Vui lòng chọn hình thức nộp hồ sơ." },
        { "Channel", f => f.Channel = (TransactionChannel)7, "Vui lòng chọn nơi đăng ký giao dịch." },
        { "SendEmail", f => { f.SendEmail = true; f.Email = null; }, "Để gửi tờ khai qua email, vui lòng nhập địa chỉ thư điện tử ở bước Thông tin đăng ký." },
        { "IdBack", f => f.Photos.Remove(PhotoKind.IdBack), "Vui lòng chọn ảnh CMND/CCCD/Hộ chiếu mặt sau." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_gives_its_vietnamese_message_at_its_field(string field, Action<DraftForm> breakIt, string message)
    {
        var form = Valid();
        breakIt(form);
        var errors = Errors(form);
        Assert.True(errors.TryGetValue(field, out var actual), $"no error on {field}: {string.Join(", ", errors.Keys)}");
        Assert.Equal(message, actual);
    }

    [Theory]
    [InlineData("+84912345678")]
    [InlineData("091 234 5678")]
    [InlineData("C1234567")]
    public void Accepted_variants_pass(string value)
    {
        var form = Valid();
        if (value.StartsWith('C')) form.IdentityNumber = value;
        else form.MobilePhone = value;
        Assert.Empty(Errors(form));
    }

    [Fact]
    public void A_child_needs_the_birth_certificate_and_the_guardians_identity_and_name_but_no_contact_person()
    {
        var form = Valid();
        form.ContactPerson = null;
        form.IdentityNumber = null;
        form.Channel = null;
        var errors = Errors(form, DeclarationKind.Child);
        Assert.Equal("Vui lòng chọn ảnh giấy khai sinh.", errors["BirthCertificate"]);
        Assert.Equal("Vui lòng nhập số CMND/HC/CC của người giám hộ.", errors["GuardianIdentityNumber"]);
        Assert.StartsWith("Vui lòng nhập họ và tên người giám hộ", errors["GuardianName"]);
        Assert.DoesNotContain("ContactPerson", errors.Keys);
        Assert.DoesNotContain("IdentityNumber", errors.Keys);

        form.GuardianIdentityNumber = "001190012345";
        form.GuardianName = "Lê Thị Hoa";
        form.GuardianMaSoBhxh = "123";
        form.Photos[PhotoKind.BirthCertificate] = form.Photos[PhotoKind.IdFront];
        Assert.Equal(["GuardianMaSoBhxh"], Errors(form, DeclarationKind.Child).Keys);
    }

    [Fact]
    public void Vietnamese_typed_in_decomposed_form_is_kept_composed()
    {
        var form = new DraftForm();
        var decomposed = "Nguyễn Thị Hồng Nhung".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Nguyễn Thị Hồng Nhung", decomposed);
        Mau01Flow.Apply(Mau01Step.Details, new Mau01Input { FullName = "  " + decomposed + "  ", ContactPerson = "Trần   Văn\tĐức".Normalize(NormalizationForm.FormD), IdentityNumber = "c1234567" }, form);
        Assert.Equal("Nguyễn Thị Hồng Nhung", form.FullName);
        Assert.True(form.FullName!.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Trần Văn Đức", form.ContactPerson);
        Assert.Equal("C1234567", form.IdentityNumber);
    }

    [Fact]
    public void Changing_the_province_without_javascript_drops_the_old_district_and_ward()
    {
        var form = Valid();
        Mau01Flow.Apply(Mau01Step.Address, new Mau01Input { ProvinceCode = "79", DistrictCode = "009", WardCode = "00343", Street = form.Street }, form);
        Assert.Equal(("79", null, null), (form.ProvinceCode, form.DistrictCode, form.WardCode));
    }
}
