using Portal.Domain.Declarations;
using Portal.Infrastructure.Outbox;

namespace Portal.Infrastructure.Review;

/// <summary>What the person hears of the office's decision (SMS unaccented, as BHXH's are).</summary>
public static class ReviewMessages
{
    /// <summary>Accepted, for an account that exists already: its details are unchanged, so only the news goes out.</summary>
    public static IEnumerable<OutboxMessage> Accepted(Declaration declaration, string officeName, DateTimeOffset now)
    {
        yield return new OutboxMessage(OutboxChannel.Sms, declaration.MobilePhone, null,
            $"BHXHVN: To khai so ho so {declaration.RecordNumber} cua ma so {declaration.MaSoBhxh} da duoc chap thuan. Lien he 19009068 de duoc ho tro",
            declaration.Id, OutboxAttachment.None, now);
        if (declaration.Email is { } email)
            yield return new OutboxMessage(OutboxChannel.Email, email, $"Tờ khai {declaration.RecordNumber} đã được chấp thuận",
                $"""
                Kính gửi {declaration.GuardianName ?? declaration.FullName},

                {officeName} đã chấp thuận tờ khai số hồ sơ {declaration.RecordNumber} của mã số BHXH {declaration.MaSoBhxh}.

                Liên hệ tổng đài 1900 9068 để được hỗ trợ.
                """,
                declaration.Id, OutboxAttachment.None, now);
    }

    public static IEnumerable<OutboxMessage> Rejected(Declaration declaration, string officeName, DateTimeOffset now)
    {
        yield return new OutboxMessage(OutboxChannel.Sms, declaration.MobilePhone, null,
            $"BHXHVN: To khai so ho so {declaration.RecordNumber} cua ma so {declaration.MaSoBhxh} khong duoc chap thuan. Ly do: {Domain.Text.VietnameseText.RemoveDiacritics(declaration.RejectionReason!)}. Lien he 19009068 de duoc ho tro",
            declaration.Id, OutboxAttachment.None, now);
        if (declaration.Email is { } email)
            yield return new OutboxMessage(OutboxChannel.Email, email, $"Tờ khai {declaration.RecordNumber} không được chấp thuận",
                $"""
                Kính gửi {declaration.GuardianName ?? declaration.FullName},

                {officeName} không chấp thuận tờ khai số hồ sơ {declaration.RecordNumber} của mã số BHXH {declaration.MaSoBhxh}.
                Lý do: {declaration.RejectionReason}

                Bạn có thể kê khai lại tờ khai trên Cổng dịch vụ công của BHXH Việt Nam. Liên hệ tổng đài 1900 9068 để được hỗ trợ.
                """,
                declaration.Id, OutboxAttachment.None, now);
    }
}
