using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Accounts;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

/// <summary>Quên mật khẩu: mã số BHXH and captcha, then the OTP and a new password; it never tells whether a mã số has an account.</summary>
public sealed partial class PasswordResetTests
{
    private const string MaSo = "0123456780";
    private const string Unknown = "0999999999";
    private const string Phone = "0912345686";
    private const string Url = "/tai-khoan/quen-mat-khau";
    private const string NewPassword = "MatKhauMoi2026";
    private const string Answer = "Nếu mã số BHXH có tài khoản, mã OTP đã được gửi tới số điện thoại đã đăng ký.";

    private static string Field(IHtmlDocument page, string id) => page.QuerySelector($"#{id}-error")?.TextContent.Replace("Lỗi: ", "") ?? "";

    private static async Task<(Mau01Client Browser, HttpResponseMessage Response, IHtmlDocument Page)> RequestAsync(PortalApp app, string maSo, string captcha = PortalApp.CaptchaCode)
    {
        var browser = new Mau01Client(app.CreateClient());
        var (response, page) = await browser.PostFormAsync(Url, new() { ["Input.UserName"] = maSo, ["Input.CaptchaAnswer"] = captcha }, formSelector: "main form");
        return (browser, response, page);
    }

    private static Task<(HttpResponseMessage Response, IHtmlDocument Page)> CodeAsync(Mau01Client browser, IHtmlDocument page, string code,
        string password = NewPassword, string? confirmation = null) =>
        browser.PostAsync(page, Url, new() { ["Input.Otp"] = code, ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = confirmation ?? password }, formSelector: "main form");

    /// <summary>The page as sent, but for the antiforgery token, which is new in every answer.</summary>
    private static string Bytes(IHtmlDocument page) => AntiforgeryToken().Replace(page.Source.Text, "value=\"(token)\"");

    private static List<string> CookiesSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v[..v.IndexOf('=')]).Order().ToList() : [];

    [Fact]
    public async Task The_login_page_links_to_quen_mat_khau_and_keeps_the_hotline()
    {
        await using var app = new PortalApp();
        var login = await app.GetDocumentAsync("/dang-nhap");

        Assert.NotNull(login.QuerySelector($"main a[href='{Url}']"));
        Assert.NotNull(login.QuerySelector("main a[href='tel:19009068']"));
        var page = await app.GetDocumentAsync(Url);
        Assert.Equal("Quên mật khẩu", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("main input[name='Input.CaptchaAnswer']"));
    }

    [Fact]
    public async Task An_account_and_no_account_get_byte_identical_answers_to_the_ma_so_and_to_a_wrong_code()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone);

        var (knownBrowser, knownResponse, known) = await RequestAsync(app, MaSo);
        var (unknownBrowser, unknownResponse, unknown) = await RequestAsync(app, Unknown);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (knownResponse.StatusCode, unknownResponse.StatusCode));
        Assert.Equal(Answer, known.QuerySelector("main p.notice")!.TextContent);
        Assert.Equal(Bytes(known), Bytes(unknown));
        Assert.Equal(CookiesSet(knownResponse), CookiesSet(unknownResponse));
        Assert.Contains("portal.quen-mat-khau", CookiesSet(knownResponse));
        Assert.DoesNotContain(MaSo, known.Source.Text);
        var code = await TestOtp.LastCodeAsync(app, Phone);
        Assert.StartsWith($"BHXHVN: Ma OTP de dat lai mat khau cua ban la {code},", Assert.Single(await TestOtp.SmsToAsync(app, Phone)).Body);

        var (knownWrongResponse, knownWrong) = await CodeAsync(knownBrowser, known, TestOtp.Other(code));
        var (unknownWrongResponse, unknownWrong) = await CodeAsync(unknownBrowser, unknown, TestOtp.Other(code));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (knownWrongResponse.StatusCode, unknownWrongResponse.StatusCode));
        Assert.StartsWith("Mã OTP không đúng hoặc đã hết hiệu lực.", Field(knownWrong, "Otp"));
        Assert.Equal(Bytes(knownWrong), Bytes(unknownWrong));
        Assert.Equal(TestOtp.Other(code), knownWrong.QuerySelector("#Otp")!.GetAttribute("value"));
        Assert.DoesNotContain(NewPassword, knownWrong.Source.Text);
    }

    [Fact]
    public async Task The_right_code_sets_the_new_password_lifts_the_lockout_and_the_person_signs_in_with_it()
    {
        await using var app = new PortalApp();
        var created = await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone, mustChangePassword: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(created.Id.ToString()))!;
            await users.AccessFailedAsync(user);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        }
        var before = DateTimeOffset.UtcNow;

        var (browser, _, page) = await RequestAsync(app, MaSo);
        var code = await TestOtp.LastCodeAsync(app, Phone);
        var (response, login) = await CodeAsync(browser, page, code);

        Assert.Equal("/dang-nhap", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Đã đặt lại mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới.", login.QuerySelector("main p.success")?.TextContent);
        var stored = await TestAccounts.FindAsync(app, MaSo);
        Assert.Equal((false, 0, (DateTimeOffset?)null), (stored.MustChangePassword, stored.AccessFailedCount, stored.LockoutEnd));
        Assert.True(stored.PasswordChangedAt >= before);
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, MaSo, NewPassword));
        Assert.Equal("/dang-nhap", await TestAccounts.LandingAfterSignInAsync(app, MaSo, TestAccounts.Password));

        var (_, replay) = await CodeAsync(browser, page, code, "KhacNua2026");
        Assert.StartsWith("Yêu cầu đặt lại mật khẩu đã hết hạn", replay.QuerySelector(".error-summary li")!.TextContent);
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, MaSo, NewPassword));
    }

    [Fact]
    public async Task Three_wrong_codes_spend_the_otp()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone);
        var (browser, _, page) = await RequestAsync(app, MaSo);
        var code = await TestOtp.LastCodeAsync(app, Phone);

        for (var i = 0; i < 3; i++) (_, page) = await CodeAsync(browser, page, TestOtp.Other(code));
        var (_, spent) = await CodeAsync(browser, page, code);

        Assert.StartsWith("Mã OTP không đúng hoặc đã hết hiệu lực.", Field(spent, "Otp"));
        Assert.Equal("/tai-khoan", await TestAccounts.LandingAfterSignInAsync(app, MaSo, TestAccounts.Password));
    }

    [Theory]
    [InlineData("12345", NewPassword, NewPassword, "Otp", "Mã OTP gồm 6 chữ số.")]
    [InlineData("123456", NewPassword, "MatKhauKhac2026", "ConfirmPassword", "Mật khẩu nhập lại không khớp với mật khẩu mới.")]
    [InlineData("123456", "ngan", "ngan", "NewPassword", "Mật khẩu mới cần ít nhất 8 ký tự, có chữ hoa, chữ thường và chữ số.")]
    [InlineData("123456", "", "", "NewPassword", "Vui lòng nhập mật khẩu mới.")]
    public async Task A_refused_entry_is_told_at_its_field_keeps_the_code_and_costs_no_attempt(string code, string password, string confirmation, string field, string message)
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone);
        var (browser, _, page) = await RequestAsync(app, MaSo);

        var (_, refused) = await CodeAsync(browser, page, code, password, confirmation);

        Assert.Equal(message, Field(refused, field));
        Assert.Equal(code, refused.QuerySelector("#Otp")!.GetAttribute("value"));
        Assert.All(refused.QuerySelectorAll("input[type=password]"), input => Assert.Null(input.GetAttribute("value")));
        var (_, done) = await CodeAsync(browser, refused, await TestOtp.LastCodeAsync(app, Phone));
        Assert.Equal("Đã đặt lại mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới.", done.QuerySelector("main p.success")?.TextContent);
    }

    [Fact]
    public async Task A_wrong_captcha_keeps_the_ma_so_and_sends_nothing()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, phone: Phone);

        var (_, _, page) = await RequestAsync(app, MaSo, captcha: "XXXXX");

        Assert.StartsWith("Mã kiểm tra không đúng", Field(page, "CaptchaAnswer"));
        Assert.Equal(MaSo, page.QuerySelector("#UserName")!.GetAttribute("value"));
        Assert.Empty(await TestOtp.SmsToAsync(app, Phone));
    }

    [Fact]
    public async Task Quen_mat_khau_posts_are_limited_per_address()
    {
        await using var app = new PortalApp { Settings = { ["RateLimits:PasswordResetPerMinute"] = "2" } };
        var browser = new Mau01Client(app.CreateClient());
        var page = await browser.GetAsync(Url);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await browser.PostAsync(page, Url, new() { ["Input.UserName"] = MaSo }, formSelector: "main form");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.RetryAfter?.ToString());
                Assert.Contains($"<a href=\"{Url}\">thử lại</a>", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    // The antiforgery token, in its form field and in the copy Blazor keeps for interactive forms (an encrypted
    // state comment, written since the back office enabled interactive server rendering): new on every response.
    [GeneratedRegex("value=\"CfDJ8[^\"]*\"|Blazor-Server-Component-State:[^-]*")]
    private static partial Regex AntiforgeryToken();
}
