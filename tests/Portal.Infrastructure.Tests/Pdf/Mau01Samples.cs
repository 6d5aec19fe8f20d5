using Portal.Domain.Declarations;
using Portal.Infrastructure.Pdf;

namespace Portal.Infrastructure.Tests.Pdf;

public static class Mau01Samples
{
    public const int PortraitWidth = 300;
    public const int PortraitHeight = 400;

    public static byte[] PortraitJpeg => File.ReadAllBytes(Fixture("portrait-300x400.jpg"));

    public static byte[] PortraitPng => File.ReadAllBytes(Fixture("portrait-120x160.png"));

    public static Mau01Document Individual() => new(
        RecordNumber: "GD/2026/00042",
        Kind: DeclarationKind.Individual,
        DeclaredOn: new DateOnly(2026, 3, 5),
        PlaceName: "Hà Nội",
        FullName: "Nguyễn Thị Hồng Nhung",
        MaSoBhxh: "0113098765",
        IdentityNumber: "001190012345",
        GuardianMaSoBhxh: null,
        GuardianIdentityNumber: null,
        Address: "Số 12 ngõ 34 phố Nguyễn Trãi, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội",
        ContactPerson: "Trần Văn Đức",
        Email: "nhung.nth@example.vn",
        MobilePhone: "0983847986",
        UseFrom: new DateOnly(2026, 3, 10),
        Channel: TransactionChannel.Ivan,
        IvanName: "Công ty Cổ phần Giải pháp Thuế điện tử Việt Nam",
        OfficeName: "BHXH Quận Đống Đa",
        OfficeAddress: "Phố Trần Hữu Tước, phường Nam Đồng",
        OfficePhone: "024 3851 2345",
        SubmissionMethod: SubmissionMethod.ByPost,
        Portrait: new Mau01Photo(PortraitJpeg, PhotoFormat.Jpeg),
        QrPayload: "https://portal.example.vn/can-bo/ho-so/GD_2026_00042");

    public static Mau01Document Child() => Individual() with
    {
        RecordNumber = "GD/2026/00043",
        Kind = DeclarationKind.Child,
        FullName = "Lê Hoàng Bảo Ngọc",
        MaSoBhxh = "0124567890",
        IdentityNumber = null,
        GuardianMaSoBhxh = "0113098765",
        GuardianIdentityNumber = "001190012345",
        ContactPerson = "Nguyễn Thị Hồng Nhung",
        Channel = TransactionChannel.BhxhPortal,
        IvanName = null,
        UseFrom = null,
        SubmissionMethod = SubmissionMethod.AtOffice,
        QrPayload = "https://portal.example.vn/can-bo/ho-so/GD_2026_00043",
    };

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
