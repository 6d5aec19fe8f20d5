using Portal.Domain.Declarations;

namespace Portal.Domain.Tests;

public sealed class DeclarationChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    private static ChangeRequest Request(DeclarationPurpose purpose) => new()
    {
        Purpose = purpose,
        FullName = "Nguyễn Thị Hồng Nhung",
        MaSoBhxh = "0123456789",
        IdentityNumber = "001190012345",
        Address = new PostalAddress("gso", "01", "009", "00343", "Số 12", "Số 12, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội"),
        MobilePhone = "0912345678",
        OfficeCode = "00106",
    };

    private static Declaration Make(ChangeRequest request) => Declaration.RequestChange(request, new RecordNumber(2026, 9), "key", new string('f', 64), Now);

    [Fact]
    public void An_amendment_needs_a_new_email_or_phone_and_keeps_only_those()
    {
        Assert.Throws<DomainRuleException>(() => Make(Request(DeclarationPurpose.Amend)));
        var amended = Make(Request(DeclarationPurpose.Amend) with { NewMobilePhone = "0988777666", StopReason = "ignored" });
        Assert.Equal((DeclarationPurpose.Amend, "0988777666", null, (string?)null), (amended.Purpose, amended.AmendedMobilePhone, amended.AmendedEmail, amended.StopReason));
        Assert.Equal((DeclarationStatus.Submitted, Now.AddDays(10)), (amended.Status, amended.ExpiresAt));
        Assert.Empty(amended.Photos);
    }

    [Fact]
    public void Stopping_needs_a_date_and_a_reason()
    {
        Assert.Throws<DomainRuleException>(() => Make(Request(DeclarationPurpose.Stop) with { StopReason = "Lý do" }));
        Assert.Throws<DomainRuleException>(() => Make(Request(DeclarationPurpose.Stop) with { StopFrom = new DateOnly(2026, 12, 5), StopReason = " " }));
        var stop = Make(Request(DeclarationPurpose.Stop) with { StopFrom = new DateOnly(2026, 12, 5), StopReason = " Lý do " });
        Assert.Equal((new DateOnly(2026, 12, 5), "Lý do"), (stop.StopFrom!.Value, stop.StopReason));
    }

    [Fact]
    public void A_registration_is_not_a_change() =>
        Assert.Throws<DomainRuleException>(() => Make(Request(DeclarationPurpose.Register)));
}
