using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>Đổi mật khẩu of a password the owner chose: confirmed by an OTP sent to the account's phone.</summary>
public sealed class PasswordChangeTests
{
    private const string MaSo = "0123456780";
    private const string Phone = "0912345686";
    private const string Url = "/tai-khoan/doi-mat-khau";
    private const string NewPassword = "MatKhauMoi2026";

    private static string Field(IHtmlDocument page, string id) => page.QuerySelector($"#{id}-error")?.TextContent.Replace("Lỗi: ", "") ?? "";

    /// <summary>The first step's fields: the current password and the new one twice.</summary>
    private static Dictionary<string, string> Passwords() => new()
    {
        ["Input.CurrentPassword"] = TestAccounts.Password, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
    };

    private static async Task<(Mau01Client Browser, IHtmlDocument OtpPage)> AskOtpAsync(PortalApp app)
    {
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone);
        var (browser, _, _) = await TestAccounts.SignInAsync(app, MaSo);
        var (_, page) = await browser.PostFormAsync(Url, Passwords(), formSelector: "main form");
        return (browser, page);
    }

    private static Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostOtpAsync(Mau01Client browser, IHtmlDocument page, string code, string? action = null) =>
        browser.PostAsync(page, Url, action is null ? new() { ["Input.Otp"] = code } : new() { ["Input.Otp"] = code, ["Input.Action"] = action }, formSelector: "main form");

    private static void AssertNoPasswordIn(IHtmlDocument page)
    {
        Assert.DoesNotContain(NewPassword, page.Source.Text);
        Assert.DoesNotContain(TestAccounts.Password, page.Source.Text);
        Assert.All(page.QuerySelectorAll("input[type=password]"), input => Assert.Null(input.GetAttribute("value")));
    }

    [Fact]
    public async Task The_change_happens_only_with_the_otp_sent_by_sms_to_the_accounts_phone()
    {
        await using var app = new PortalApp();
        var before = DateTimeOffset.UtcNow;

        var (browser, otpPage) = await AskOtpAsync(app);

        Assert.Equal("Mã OTP đã được gửi tới số 09******86. Mã có hiệu lực 5 phút và chỉ được nhập sai 3 lần.",
            otpPage.QuerySelector("main p.notice")!.TextContent);
        Assert.NotNull(otpPage.QuerySelector("main input[name='Input.Otp'][autocomplete='one-time-code']"));
        AssertNoPasswordIn(otpPage);
        var sms = Assert.Single(await TestOtp.SmsToAsync(app, Phone));
        var code = TestOtp.CodeIn(sms.Body);
        Assert.Equal($"BHXHVN: Ma OTP de doi mat khau cua ban la {code}, co hieu luc trong 5 phut. Khong cung cap ma nay cho bat ky ai.", sms.Body);
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, MaSo, TestAccounts.Password));

        var (_, wrong) = await PostOtpAsync(browser, otpPage, TestOtp.Other(code));
        Assert.Equal("Mã OTP không đúng.", Field(wrong, "Otp"));
        Assert.Equal(TestOtp.Other(code), wrong.QuerySelector("#Otp")!.GetAttribute("value"));
        AssertNoPasswordIn(wrong);
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, MaSo, TestAccounts.Password));

        var (_, done) = await PostOtpAsync(browser, wrong, code);

        Assert.Equal("Đã đổi mật khẩu.", done.QuerySelector("p.success")?.TextContent);
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, MaSo, NewPassword));
        Assert.Equal("/dang-nhap", await TestAccounts.LandingAfterSignInAsync(app, MaSo, TestAccounts.Password));
        var user = await TestAccounts.FindAsync(app, MaSo);
        Assert.False(user.MustChangePassword);
        Assert.True(user.PasswordChangedAt >= before);
        var (_, replay) = await PostOtpAsync(browser, otpPage, code);
        Assert.StartsWith("Yêu cầu đổi mật khẩu đã hết hạn", replay.QuerySelector(".error-summary li")!.TextContent);
    }

    [Fact]
    public async Task The_forced_change_after_the_first_login_asks_no_otp()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone, mustChangePassword: true);
        var (browser, landed, page) = await TestAccounts.SignInAsync(app, MaSo);
        Assert.Equal(Url, landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Đổi mật khẩu", page.QuerySelector("main form button[type=submit]")!.TextContent);

        var (_, done) = await browser.PostAsync(page, Url, Passwords(), formSelector: "main form");

        Assert.Equal("Đã đổi mật khẩu.", done.QuerySelector("p.success")?.TextContent);
        Assert.Empty(await TestOtp.SmsToAsync(app, Phone));
    }

    [Fact]
    public async Task A_password_older_than_six_months_is_changed_with_an_otp()
    {
        await using var app = new PortalApp();
        var user = await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordChangedAt, DateTimeOffset.UtcNow.AddDays(-190)));
        var (browser, landed, page) = await TestAccounts.SignInAsync(app, MaSo);
        Assert.Equal(Url, landed.RequestMessage!.RequestUri!.AbsolutePath);

        var (_, otpPage) = await browser.PostAsync(page, Url, Passwords(), formSelector: "main form");
        var (_, done) = await PostOtpAsync(browser, otpPage, await TestOtp.LastCodeAsync(app, Phone));

        Assert.Equal("Đã đổi mật khẩu.", done.QuerySelector("p.success")?.TextContent);
        using var account = await browser.Http.GetAsync("/tai-khoan");
        Assert.Equal("/tai-khoan", account.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Gui_lai_sends_a_new_code_and_the_old_one_no_longer_changes_the_password()
    {
        await using var app = new PortalApp();
        var (browser, otpPage) = await AskOtpAsync(app);
        var first = await TestOtp.LastCodeAsync(app, Phone);

        var (_, resent) = await PostOtpAsync(browser, otpPage, "", action: "gui-lai");

        Assert.StartsWith("Đã gửi mã OTP mới tới số 09******86.", resent.QuerySelector("main p.notice")!.TextContent);
        Assert.Equal(2, (await TestOtp.SmsToAsync(app, Phone)).Count);
        var second = await TestOtp.LastCodeAsync(app, Phone);
        Assert.NotEqual(first, second);
        var (_, old) = await PostOtpAsync(browser, resent, first);
        Assert.Equal("Mã OTP không đúng.", Field(old, "Otp"));
        var (_, done) = await PostOtpAsync(browser, old, second);
        Assert.Equal("Đã đổi mật khẩu.", done.QuerySelector("p.success")?.TextContent);
    }

    [Fact]
    public async Task Three_wrong_codes_spend_the_otp_and_the_right_one_then_changes_nothing()
    {
        await using var app = new PortalApp();
        var (browser, page) = await AskOtpAsync(app);
        var code = await TestOtp.LastCodeAsync(app, Phone);

        for (var i = 0; i < 3; i++) (_, page) = await PostOtpAsync(browser, page, TestOtp.Other(code));
        var (_, spent) = await PostOtpAsync(browser, page, code);

        Assert.StartsWith("Mã OTP đã hết hiệu lực (quá 5 phút hoặc đã nhập sai 3 lần)", Field(spent, "Otp"));
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, MaSo, TestAccounts.Password));
    }

    [Theory]
    [InlineData("", "Vui lòng nhập mã OTP.")]
    [InlineData("12345", "Mã OTP gồm 6 chữ số.")]
    [InlineData("12a456", "Mã OTP gồm 6 chữ số.")]
    public async Task A_malformed_otp_is_told_at_its_field_and_costs_no_attempt(string typed, string message)
    {
        await using var app = new PortalApp();
        var (browser, page) = await AskOtpAsync(app);

        var (_, refused) = await PostOtpAsync(browser, page, typed);

        Assert.Equal(message, Field(refused, "Otp"));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OtpChallenges.SingleAsync()).AttemptsUsed);
    }

    [Fact]
    public async Task An_account_without_a_phone_is_told_to_call_the_hotline()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: null, email: "an@example.vn");
        var (browser, _, _) = await TestAccounts.SignInAsync(app, MaSo);

        var (_, page) = await browser.PostFormAsync(Url, Passwords(), formSelector: "main form");

        Assert.StartsWith("Tài khoản chưa có số điện thoại di động để nhận mã OTP", page.QuerySelector(".error-summary li")!.TextContent);
        AssertNoPasswordIn(page);
    }
}
