using System.Net;
using Portal.Infrastructure.Accounts;
using Portal.Web.Features.BackOffice;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BackOffice;

/// <summary>/can-bo/dang-nhap: the login form worded for staff, landing on Tiếp nhận hồ sơ.</summary>
public sealed class StaffLoginTests
{
    private const string StaffLogin = "/can-bo/dang-nhap";
    private const string DongDa = "canbo.dongda.thu";

    [Fact]
    public async Task The_staff_login_asks_for_the_user_name_and_the_two_logins_link_to_each_other()
    {
        await using var app = new PortalApp();
        var staff = await app.GetDocumentAsync(StaffLogin);
        Assert.Equal("Đăng nhập cán bộ BHXH", staff.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("Tên đăng nhập", staff.QuerySelector("label[for=UserName]")!.TextContent.Trim());
        Assert.Contains("không phải mã số BHXH", staff.QuerySelector("#UserName-hint")!.TextContent);
        Assert.NotNull(staff.QuerySelector("main a[href='/dang-nhap']"));
        Assert.Equal($"{StaffLogin}", staff.QuerySelector(".captcha a")!.GetAttribute("href"));

        var citizen = await app.GetDocumentAsync("/dang-nhap");
        Assert.Equal("Đăng nhập", citizen.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("Mã số BHXH", citizen.QuerySelector("label[for=UserName]")!.TextContent.Trim());
        Assert.NotNull(citizen.QuerySelector($"main a[href='{StaffLogin}']"));
    }

    [Fact]
    public async Task Staff_land_on_the_queue_and_a_citizen_on_the_account_page()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, DongDa, officeCode: "00106");
        await TestAccounts.CreateAsync(app, PortalRoles.Citizen, "0123456789");

        var (_, response, page) = await TestAccounts.SignInAsync(app, DongDa, loginPath: StaffLogin);
        Assert.Equal(QueuePage.Url, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Tiếp nhận hồ sơ", page.QuerySelector("h1")!.TextContent);
        var (_, citizen, _) = await TestAccounts.SignInAsync(app, "0123456789", loginPath: StaffLogin);
        Assert.Equal("/tai-khoan", citizen.RequestMessage!.RequestUri!.AbsolutePath);
        // The citizen login keeps its landing page for staff too.
        var (_, viaCitizenLogin, _) = await TestAccounts.SignInAsync(app, DongDa);
        Assert.Equal("/tai-khoan", viaCitizenLogin.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_staff_link_opened_signed_out_returns_to_that_page_after_the_staff_login()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, DongDa, officeCode: "00106");
        var declaration = await TestDeclarations.SeedAsync(app, TestDeclarations.Individual("0123456781"), DateTimeOffset.UtcNow);
        var url = DeclarationDetailPage.UrlOf(declaration.Id);

        using var redirect = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(url);
        Assert.Equal($"{StaffLogin}?ReturnUrl={Uri.EscapeDataString(url)}", redirect.Headers.Location!.PathAndQuery);
        var (_, response, page) = await TestAccounts.SignInAsync(app, DongDa, returnUrl: url, loginPath: StaffLogin);
        Assert.Equal(url, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal($"Hồ sơ {declaration.RecordNumber}", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_is_answered_in_the_staff_wording_and_the_form_stays()
    {
        await using var app = new PortalApp();
        await TestAccounts.CreateAsync(app, PortalRoles.OfficeStaff, DongDa, officeCode: "00106");
        var (_, response, page) = await TestAccounts.SignInAsync(app, DongDa, "Sai12345", loginPath: StaffLogin);
        Assert.Equal(StaffLogin, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Đăng nhập cán bộ BHXH", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_staff_login_shares_the_login_limit_per_address()
    {
        await using var app = new PortalApp { Settings = { ["RateLimits:LoginPerMinute"] = "2" } };
        var browser = new Mau01Client(app.CreateClient());
        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/dang-nhap", StaffLogin, StaffLogin })
        {
            var page = await browser.GetAsync(path);
            var (response, _) = await browser.PostAsync(page, path, new() { ["Input.UserName"] = DongDa, ["Input.Password"] = "x" }, formSelector: "main form");
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
