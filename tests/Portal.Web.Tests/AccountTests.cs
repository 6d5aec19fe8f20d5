using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Outbox;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed partial class AccountTests
{
    private const string MaSo = "0123456780";

    private static string Field(AngleSharp.Html.Dom.IHtmlDocument page, string id) => page.QuerySelector($"#{id}-error")?.TextContent.Replace("Lỗi: ", "") ?? "";

    [Fact]
    public async Task The_right_password_and_captcha_sign_in_and_logout_signs_out()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo, fullName: "Trần Thị Mai");

        var (browser, response, page) = await TestAccounts.SignInAsync(app, MaSo);

        Assert.Equal("/tai-khoan", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Trần Thị Mai", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector("nav.site-nav form[action='/dang-xuat']"));
        var (_, home) = await browser.PostAsync(page, "/dang-xuat", [], formSelector: "nav.site-nav form");
        Assert.NotNull(home.QuerySelector("nav.site-nav a[href='/dang-nhap']"));
        using var account = await browser.Http.GetAsync("/tai-khoan");
        Assert.Equal("/dang-nhap", account.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_form_and_returns_after_signing_in()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/tai-khoan/doi-mat-khau");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dang-nhap?ReturnUrl=%2Ftai-khoan%2Fdoi-mat-khau", response.Headers.Location!.PathAndQuery);

        var (_, landed, _) = await TestAccounts.SignInAsync(app, MaSo, returnUrl: "/tai-khoan/doi-mat-khau");
        Assert.Equal("/tai-khoan/doi-mat-khau", landed.RequestMessage!.RequestUri!.AbsolutePath);
        var (_, elsewhere, _) = await TestAccounts.SignInAsync(app, MaSo, returnUrl: "https://example.com/");
        Assert.Equal("/tai-khoan", elsewhere.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_captcha_is_told_at_its_field_and_costs_no_attempt()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo);
        var browser = new Mau01Client(app.CreateClient());

        var (_, page) = await browser.PostFormAsync("/dang-nhap", new()
        {
            ["Input.UserName"] = MaSo, ["Input.Password"] = "Sai12345", ["Input.CaptchaAnswer"] = "XXXXX",
        }, formSelector: "main form");

        Assert.StartsWith("Mã kiểm tra không đúng", Field(page, "CaptchaAnswer"));
        Assert.Equal("", Field(page, "Password"));
        Assert.Equal(0, (await TestAccounts.FindAsync(app, MaSo)).AccessFailedCount);
        Assert.NotEqual("", page.QuerySelector("input[name='Input.CaptchaId']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_and_say_until_when()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo);

        for (var i = 1; i <= 4; i++)
        {
            var (_, response, page) = await TestAccounts.SignInAsync(app, MaSo, "Sai12345");
            Assert.Equal("/dang-nhap", response.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Equal("Mã số BHXH hoặc mật khẩu không đúng.", Field(page, "Password"));
        }
        var (_, _, locked) = await TestAccounts.SignInAsync(app, MaSo, "Sai12345");
        var (_, stillLocked, lockedPage) = await TestAccounts.SignInAsync(app, MaSo);

        var user = await TestAccounts.FindAsync(app, MaSo);
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var until = Portal.Web.Features.Shared.TimeText.HourMinute(user.LockoutEnd.Value);
        Assert.Contains($"Vui lòng thử lại sau {until}", locked.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("/dang-nhap", stillLocked.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("tạm khóa 15 phút", lockedPage.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_user_name_gets_the_same_answer_as_a_wrong_password()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo);

        var (_, _, wrongPassword) = await TestAccounts.SignInAsync(app, MaSo, "Sai12345");
        var (_, _, unknown) = await TestAccounts.SignInAsync(app, "0999999999", "Sai12345");

        Assert.Equal(wrongPassword.QuerySelector(".error-summary")!.OuterHtml, unknown.QuerySelector(".error-summary")!.OuterHtml);
    }

    [Fact]
    public async Task Login_posts_are_limited_per_address()
    {
        await using var app = new PortalApp { Settings = { ["RateLimits:LoginPerMinute"] = "2" } };
        var browser = new Mau01Client(app.CreateClient());
        var page = await browser.GetAsync("/dang-nhap");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await browser.PostAsync(page, "/dang-nhap", new() { ["Input.UserName"] = MaSo, ["Input.Password"] = "x" }, formSelector: "main form");
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_first_password_arrives_by_sms_and_email_and_must_be_changed_before_anything_else()
    {
        await using var app = new PortalApp();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AccountCreator>().CreateAsync(
                new NewAccount(PortalRoles.Citizen, MaSo, "Trần Thị Mai", "0912000001", "mai@example.vn", null));
        List<OutboxMessage> messages;
        await using (var scope = app.Services.CreateAsyncScope())
            messages = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
        var sms = Assert.Single(messages, m => m.Channel == OutboxChannel.Sms);
        var email = Assert.Single(messages, m => m.Channel == OutboxChannel.Email);
        Assert.Equal(("0912000001", "mai@example.vn"), (sms.Recipient, email.Recipient));
        var password = PasswordInSms().Match(sms.Body).Groups[1].Value;
        Assert.Equal(FirstPassword.Length, password.Length);
        Assert.Contains($"Mật khẩu lần đầu: {password}", email.Body);
        Assert.Contains($"Ten dang nhap: {MaSo}", sms.Body);

        var (browser, response, page) = await TestAccounts.SignInAsync(app, MaSo, password);

        Assert.Equal("/tai-khoan/doi-mat-khau", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Vui lòng đổi mật khẩu trước khi tiếp tục", page.QuerySelector("main")!.TextContent);
        using (var elsewhere = await browser.Http.GetAsync("/tai-khoan"))
            Assert.Equal("/tai-khoan/doi-mat-khau", elsewhere.RequestMessage!.RequestUri!.AbsolutePath);

        var (_, done) = await browser.PostAsync(page, "/tai-khoan/doi-mat-khau", new()
        {
            ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "MatKhauMoi2026", ["Input.ConfirmPassword"] = "MatKhauMoi2026",
        }, formSelector: "main form");

        Assert.Equal("Đã đổi mật khẩu.", done.QuerySelector("p.success")?.TextContent);
        using (var account = await browser.Http.GetAsync("/tai-khoan"))
            Assert.Equal("/tai-khoan", account.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.False((await TestAccounts.FindAsync(app, MaSo)).MustChangePassword);
        var (_, again, _) = await TestAccounts.SignInAsync(app, MaSo, "MatKhauMoi2026");
        Assert.Equal("/tai-khoan", again.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_password_older_than_six_months_leads_to_the_change_page_at_login()
    {
        await using var app = new PortalApp();
        var user = await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordChangedAt, DateTimeOffset.UtcNow.AddDays(-190)));

        var (_, response, _) = await TestAccounts.SignInAsync(app, MaSo);

        Assert.Equal("/tai-khoan/doi-mat-khau", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("Sai12345", "MatKhauMoi2026", "MatKhauMoi2026", "CurrentPassword", "Mật khẩu hiện tại không đúng.")]
    [InlineData(TestAccounts.Password, "MatKhauMoi2026", "MatKhauKhac2026", "ConfirmPassword", "Mật khẩu nhập lại không khớp với mật khẩu mới.")]
    [InlineData(TestAccounts.Password, "ngan", "ngan", "NewPassword", "Mật khẩu mới cần ít nhất 8 ký tự, có chữ hoa, chữ thường và chữ số.")]
    [InlineData(TestAccounts.Password, TestAccounts.Password, TestAccounts.Password, "NewPassword", "Mật khẩu mới phải khác mật khẩu hiện tại.")]
    [InlineData("", "", "", "CurrentPassword", "Vui lòng nhập mật khẩu hiện tại.")]
    public async Task A_refused_change_says_why_at_the_field_and_keeps_the_old_password(string current, string next, string confirm, string field, string message)
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, MaSo);
        var (browser, _, _) = await TestAccounts.SignInAsync(app, MaSo);

        var (_, page) = await browser.PostFormAsync("/tai-khoan/doi-mat-khau", new()
        {
            ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = confirm,
        }, formSelector: "main form");

        Assert.Equal(message, Field(page, field));
        var (_, still, _) = await TestAccounts.SignInAsync(app, MaSo);
        Assert.Equal("/tai-khoan", still.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Staff_accounts_need_an_office_and_province_staff_a_province_office()
    {
        await using var app = new PortalApp();
        await using var scope = app.Services.CreateAsyncScope();
        var creator = scope.ServiceProvider.GetRequiredService<AccountCreator>();

        await Assert.ThrowsAsync<AccountRefusedException>(() => creator.CreateAsync(new(PortalRoles.OfficeStaff, "a", "A B", "0912000001", null, null)));
        await Assert.ThrowsAsync<AccountRefusedException>(() => creator.CreateAsync(new(PortalRoles.ProvinceStaff, "a", "A B", "0912000001", null, "00106")));
        await Assert.ThrowsAsync<AccountRefusedException>(() => creator.CreateAsync(new(PortalRoles.Citizen, MaSo, "A B", "0912000001", null, "00106")));
        var staff = await creator.CreateAsync(new(PortalRoles.ProvinceStaff, "canbo.hanoi", "Phạm Thu Hà", "0912000003", null, "001"));
        Assert.Equal("001", staff.OfficeCode);
        // The province office has a counter of its own.
        var counter = await creator.CreateAsync(new(PortalRoles.OfficeStaff, "canbo.tinh", "Đỗ Thị Lan", "0912000004", null, "001"));
        Assert.Equal("001", counter.OfficeCode);
    }

    [GeneratedRegex("mat khau: ([A-Za-z0-9]+)\\.")]
    private static partial Regex PasswordInSms();
}
