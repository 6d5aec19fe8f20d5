using Portal.Domain.Declarations;
using Portal.Infrastructure.Outbox;

namespace Portal.Infrastructure.Declarations;

/// <summary>What Ghi nhận sends: the SMS in BHXH's words (with a link to the PDF for a guardian) and, when asked for, the form by email.</summary>
public static class DeclarationMessages
{
    public static IEnumerable<OutboxMessage> OnGhiNhan(Declaration declaration, string? pdfLink, DateTimeOffset now)
    {
        var sms = declaration.SmsText.ToString();
        if (pdfLink is not null) sms += $" Xem to khai: {pdfLink}";
        yield return new OutboxMessage(OutboxChannel.Sms, declaration.MobilePhone, null, sms, declaration.Id, OutboxAttachment.None, now);
        if (declaration.SendEmail) yield return Mau01Email(declaration, now);
    }

    private static OutboxMessage Mau01Email(Declaration declaration, DateTimeOffset now) => new(
        OutboxChannel.Email,
        declaration.Email!,
        $"Tờ khai đăng ký giao dịch điện tử với cơ quan BHXH – hồ sơ {declaration.RecordNumber}",
        $"""
        Kính gửi {declaration.GuardianName ?? declaration.FullName},

        Bảo hiểm xã hội Việt Nam đã nhận được tờ khai đăng ký giao dịch điện tử của mã số BHXH {declaration.MaSoBhxh}, số hồ sơ {declaration.RecordNumber}.
        Tờ khai Mẫu 01 được đính kèm thư này. Vui lòng in, ký, ghi rõ họ tên và nộp tờ khai tại cơ quan BHXH đã chọn trong vòng 10 ngày, mang theo {(declaration.Kind == DeclarationKind.Child ? "giấy khai sinh của trẻ em và CMND/thẻ Căn cước công dân/hộ chiếu của người giám hộ" : "CMND/thẻ Căn cước công dân/hộ chiếu")} để xác minh thông tin. Quá thời hạn này, tờ khai điện tử sẽ tự động bị xóa.

        Liên hệ tổng đài 1900 9068 để được hỗ trợ.
        """,
        declaration.Id,
        OutboxAttachment.Mau01Pdf,
        now);
}
