using Portal.Infrastructure.Outbox;

namespace Portal.Infrastructure.Accounts;

/// <summary>The account details a new account's owner receives, in the seeds' words (the SMS unaccented, as BHXH's are).</summary>
public static class AccountMessages
{
    public static IEnumerable<OutboxMessage> FirstPassword(PortalUser user, string password, DateTimeOffset now) => ToOwner(user, now,
        $"BHXHVN: Tai khoan giao dich dien tu voi co quan BHXH da duoc kich hoat. Ten dang nhap: {user.UserName}, mat khau: {password}. " +
        "Vui long doi mat khau khi dang nhap lan dau. Lien he 19009068 de duoc ho tro",
        "Thông tin tài khoản giao dịch điện tử với cơ quan BHXH",
        $"""
        Kính gửi {user.FullName},

        Tài khoản sử dụng phương thức giao dịch điện tử với cơ quan BHXH của bạn đã được cấp và kích hoạt.
        Tên đăng nhập: {user.UserName}
        Mật khẩu lần đầu: {password}

        Vui lòng đăng nhập tại Cổng dịch vụ công của BHXH Việt Nam và đổi mật khẩu đã được cấp lần đầu; thay đổi mật khẩu ít nhất 06 (sáu) tháng một lần để đảm bảo an toàn, bảo mật.

        Liên hệ tổng đài 1900 9068 để được hỗ trợ.
        """);

    /// <summary>A password an admin issued again, to be changed at the next sign-in.</summary>
    public static IEnumerable<OutboxMessage> NewPassword(PortalUser user, string password, DateTimeOffset now) => ToOwner(user, now,
        $"BHXHVN: Mat khau tai khoan {user.UserName} da duoc cap lai. Mat khau moi: {password}. " +
        "Vui long doi mat khau khi dang nhap. Lien he 19009068 de duoc ho tro",
        "Cấp lại mật khẩu tài khoản giao dịch điện tử với cơ quan BHXH",
        $"""
        Kính gửi {user.FullName},

        Mật khẩu tài khoản của bạn trên Cổng dịch vụ công của BHXH Việt Nam đã được cấp lại.
        Tên đăng nhập: {user.UserName}
        Mật khẩu mới: {password}

        Vui lòng đăng nhập và đổi mật khẩu này ngay. Nếu bạn không đề nghị cấp lại mật khẩu, hãy liên hệ tổng đài 1900 9068.
        """);

    /// <summary>The SMS to the account's phone and the email to its address, whichever it has.</summary>
    private static IEnumerable<OutboxMessage> ToOwner(PortalUser user, DateTimeOffset now, string sms, string subject, string email)
    {
        if (user.PhoneNumber is { } phone) yield return new OutboxMessage(OutboxChannel.Sms, phone, null, sms, null, OutboxAttachment.None, now);
        if (user.Email is { } address) yield return new OutboxMessage(OutboxChannel.Email, address, subject, email, null, OutboxAttachment.None, now);
    }

    /// <summary>The SMS carrying an OTP; the only place the code is ever written.</summary>
    public static OutboxMessage Otp(string phone, string code, OtpPurpose purpose, DateTimeOffset now)
    {
        var what = purpose == OtpPurpose.ResetPassword ? "dat lai mat khau" : "doi mat khau";
        var minutes = (int)OtpChallenge.Lifetime.TotalMinutes;
        return new OutboxMessage(OutboxChannel.Sms, phone, null,
            $"BHXHVN: Ma OTP de {what} cua ban la {code}, co hieu luc trong {minutes} phut. Khong cung cap ma nay cho bat ky ai.",
            null, OutboxAttachment.None, now);
    }
}
