using Portal.Domain.Declarations;

namespace Portal.Domain.Tests;

public sealed class DeclarationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static DeclarationContent Content(DeclarationKind kind = DeclarationKind.Individual) => new()
    {
        Kind = kind,
        FullName = "Nguyễn Thị Hồng Nhung",
        MaSoBhxh = "0123456789",
        IdentityNumber = kind == DeclarationKind.Individual ? "001190012345" : null,
        GuardianIdentityNumber = kind == DeclarationKind.Child ? "001190012345" : null,
        Address = new PostalAddress("gso", "01", "009", "00343", "Số 12", "Số 12, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội"),
        MobilePhone = "0912345678",
        OfficeCode = "00106",
    };

    private static DeclarationPhoto Photo(PhotoKind kind) => new(kind, $"key-{kind}", PhotoFormat.Jpeg, 600, 800, 1000, new string('a', 64));

    private static Declaration Submitted() => Declaration.Submit(Content(),
        new RecordNumber(2026, 7), [Photo(PhotoKind.Portrait), Photo(PhotoKind.IdFront), Photo(PhotoKind.IdBack)], "draft", "hash", Now);

    [Fact]
    public void Ghi_nhan_gives_a_submitted_declaration_that_expires_after_10_days()
    {
        var declaration = Submitted();
        Assert.Equal(DeclarationStatus.Submitted, declaration.Status);
        Assert.Equal("GD/2026/00007", declaration.RecordNumber.ToString());
        Assert.Equal(Now.AddDays(10), declaration.ExpiresAt);
    }

    [Fact]
    public void A_declaration_key_is_ordered_by_the_time_of_Ghi_nhan()
    {
        var declaration = Submitted();
        Assert.Equal(7, declaration.Id.Version);
        // A version 7 key starts with the Unix time in milliseconds, so keys sort (as PostgreSQL compares them) in order of Ghi nhận.
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Convert.ToInt64(declaration.Id.ToString("N")[..12], 16));
    }

    [Fact]
    public void The_sms_uses_the_wording_of_the_seeds()
    {
        Assert.Equal(
            "BHXHVN da nhan duoc to khai cua ma so 0123456789 voi so ho so la GD/2026/00007. Vui long den BHXH gan nhat de hoan tat thu tuc. Lien he 19009068 de duoc ho tro",
            Submitted().SmsText.ToString());
    }

    [Fact]
    public void An_individual_declaration_needs_the_portrait_and_both_sides_of_the_id()
    {
        Assert.Throws<DomainRuleException>(() => Declaration.Submit(Content(), new RecordNumber(2026, 1),
            [Photo(PhotoKind.Portrait), Photo(PhotoKind.IdFront)], "d", "h", Now));
        Assert.Throws<DomainRuleException>(() => Declaration.Submit(Content(), new RecordNumber(2026, 1),
            [Photo(PhotoKind.Portrait), Photo(PhotoKind.IdFront), Photo(PhotoKind.IdFront)], "d", "h", Now));
    }

    [Fact]
    public void A_childs_declaration_needs_the_portrait_and_the_birth_certificate()
    {
        var child = Declaration.Submit(Content(DeclarationKind.Child), new RecordNumber(2026, 2),
            [Photo(PhotoKind.Portrait), Photo(PhotoKind.BirthCertificate)], "d", "h", Now);
        Assert.Equal(DeclarationKind.Child, child.Kind);
        Assert.Throws<DomainRuleException>(() => Declaration.Submit(Content(DeclarationKind.Child), new RecordNumber(2026, 3),
            [Photo(PhotoKind.Portrait), Photo(PhotoKind.IdFront), Photo(PhotoKind.IdBack)], "d", "h", Now));
    }

    [Fact]
    public void Choosing_i_van_requires_its_name()
    {
        Assert.Throws<DomainRuleException>(() => Declaration.Submit(Content() with { Channel = TransactionChannel.Ivan },
            new RecordNumber(2026, 1), [Photo(PhotoKind.Portrait), Photo(PhotoKind.IdFront), Photo(PhotoKind.IdBack)], "d", "h", Now));
    }

    [Fact]
    public void The_lifecycle_runs_submitted_received_accepted()
    {
        var declaration = Submitted();
        Assert.Throws<DomainRuleException>(() => declaration.Accept(Now));
        declaration.MarkReceived(Now.AddDays(1));
        Assert.Throws<DomainRuleException>(() => declaration.MarkReceived(Now.AddDays(1)));
        declaration.Accept(Now.AddDays(2));
        Assert.Equal(DeclarationStatus.Accepted, declaration.Status);
        Assert.Throws<DomainRuleException>(() => declaration.Reject("muộn", Now.AddDays(3)));
    }

    [Fact]
    public void A_rejection_gives_its_reason()
    {
        var declaration = Submitted();
        Assert.Throws<DomainRuleException>(() => declaration.Reject("  ", Now));
        declaration.Reject(" Ảnh CCCD không rõ ", Now);
        Assert.Equal((DeclarationStatus.Rejected, "Ảnh CCCD không rõ"), (declaration.Status, declaration.RejectionReason));
    }

    [Theory]
    [InlineData(299, 800)]
    [InlineData(800, 299)]
    public void A_photo_is_at_least_300_px_each_way(int width, int height) =>
        Assert.Throws<DomainRuleException>(() => new DeclarationPhoto(PhotoKind.Portrait, "k", PhotoFormat.Jpeg, width, height, 1000, "h"));

    [Fact]
    public void The_expiry_reminder_is_marked_once_and_only_while_submitted()
    {
        var declaration = Submitted();
        declaration.MarkExpiryWarningSent(Now.AddDays(7));
        Assert.Equal(Now.AddDays(7), declaration.WarningSentAt);
        Assert.Throws<DomainRuleException>(() => declaration.MarkExpiryWarningSent(Now.AddDays(8)));

        var received = Submitted();
        received.MarkReceived(Now.AddDays(1));
        Assert.Throws<DomainRuleException>(() => received.MarkExpiryWarningSent(Now.AddDays(7)));
    }

    [Fact]
    public void The_expiry_reminder_sms_is_unaccented_and_names_the_office_and_the_deadline() =>
        Assert.Equal(
            "BHXHVN: to khai so GD/2026/00007 chua duoc nop. Vui long nop to khai da ky tai BHXH Quan Dong Da cham nhat ngay 01/12/2026, qua han to khai se tu dong bi xoa. Lien he 19009068 de duoc ho tro",
            new ExpiryWarningSms("GD/2026/00007", "BHXH Quận Đống Đa", new DateOnly(2026, 12, 1)).ToString());
}

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("0123456789", true)]
    [InlineData("012345678", false)]
    [InlineData("01234567890", false)]
    [InlineData("012345678a", false)]
    [InlineData("٠١٢٣٤٥٦٧٨٩", false)] // Arabic-Indic digits are digits to .NET, not to BHXH
    [InlineData(null, false)]
    public void Ma_so_BHXH_is_exactly_10_ascii_digits(string? value, bool valid) =>
        Assert.Equal(valid, Identifiers.IsMaSoBhxh(value));

    [Theory]
    [InlineData("123456789", IdentityDocumentType.Cmnd)]
    [InlineData("001190012345", IdentityDocumentType.Cccd)]
    [InlineData("079090012345", IdentityDocumentType.Cccd)]
    [InlineData("C1234567", IdentityDocumentType.Passport)]
    [InlineData("003190012345", null)] // 003 is no province code
    [InlineData("12345678", null)]
    [InlineData("1234567890", null)]
    [InlineData("CC123456", null)]
    [InlineData("c1234567", null)]     // normalised to upper case before this check
    public void Identity_numbers_follow_their_document_type(string value, IdentityDocumentType? type) =>
        Assert.Equal(type, Identifiers.IdentityTypeOf(value));

    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("+84912345678", "0912345678")]
    [InlineData("84 912 345 678", "0912345678")]
    [InlineData("091.234.5678", "0912345678")]
    [InlineData("0312345678", "0312345678")]
    [InlineData("0212345678", null)]  // landline prefix
    [InlineData("091234567", null)]
    [InlineData("09123456789", null)]
    [InlineData("+1 912345678", null)]
    [InlineData("", null)]
    public void Mobile_numbers_are_vietnamese_and_normalised(string input, string? normalised) =>
        Assert.Equal(normalised, Identifiers.NormalizeMobile(input));

    [Theory]
    [InlineData("GD/2026/00107", true)]
    [InlineData("GD/2026/107", false)]
    [InlineData("GD_2026_00107", false)]
    [InlineData("XX/2026/00107", false)]
    public void Record_numbers_parse_only_in_their_own_format(string text, bool parses)
    {
        Assert.Equal(parses, RecordNumber.TryParse(text, out var number));
        if (parses)
        {
            Assert.Equal(text, number.ToString());
            Assert.Equal("GD_2026_00107.pdf", number.FileName);
        }
    }

    [Theory]
    [InlineData("GD/2026/00107", "GD/2026/00107")]
    [InlineData("gd/2026/00107", "GD/2026/00107")]
    [InlineData(" gd_2026_00107 ", "GD/2026/00107")]
    [InlineData("GD_2026_00107.pdf", "GD/2026/00107")]
    [InlineData("Gd_2026/00107", "GD/2026/00107")]
    [InlineData("GD/2026/107", null)]
    [InlineData("GD-2026-00107", null)]
    [InlineData("GD/2026/00107/1", null)]
    [InlineData("GD/1999/00107", null)]
    [InlineData("GD/2026/00000", null)]
    [InlineData("GD/2026/０0107", null)] // a full-width digit
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Typed_record_numbers_accept_any_case_and_the_file_name_form(string? text, string? normalised)
    {
        var parses = RecordNumber.TryParseTyped(text, out var number);
        Assert.Equal(normalised is not null, parses);
        if (parses) Assert.Equal(normalised, number.ToString());
    }
}
