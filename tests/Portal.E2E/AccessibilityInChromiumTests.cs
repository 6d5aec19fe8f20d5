using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Infrastructure.Accounts;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>
/// axe-core (WCAG 2.2 AA rules) on every page of the portal, citizen and staff, with JavaScript on and off: no serious or
/// critical violation anywhere. Each page scanned is also saved as a full-page screenshot (see <see cref="ScreenshotFolder"/>).
/// </summary>
public sealed class AccessibilityInChromiumTests : ChromiumTest
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private const string Citizen = "0123456780";
    private const string Staff = "canbo.dongda.thu";
    private const string Admin = "quantri.thu";

    private readonly List<string> _scanned = [];
    private readonly StringBuilder _violations = new();
    private int _count;
    private string _folder = "";
    private bool _javaScript;

    /// <summary>PORTAL_E2E_SCREENSHOTS when set, else <c>a11y-screenshots</c> beside the test assembly.</summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("PORTAL_E2E_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "a11y-screenshots");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_citizen_and_staff_page_has_no_serious_or_critical_axe_violation(bool javaScript)
    {
        _javaScript = javaScript;
        _folder = Path.Combine(ScreenshotFolder, javaScript ? "js-on" : "js-off");
        Directory.CreateDirectory(_folder);
        await TestAccounts.CreateAsync(App, PortalRoles.Citizen, Citizen, fullName: "Trần Thị Mai", phone: "0912000001",
            email: "me.mai@example.vn", identityNumber: "001185012345");
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, Staff, officeCode: "00106");
        await TestAccounts.CreateAsync(App, PortalRoles.Admin, Admin);
        var declaration = await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), DateTimeOffset.UtcNow);
        await TestDeclarations.SeedAsync(App, TestDeclarations.Child(Citizen, "Lê Minh Khôi", "0111222333"), DateTimeOffset.UtcNow);
        // "JavaScript off" refuses every script the portal serves (blazor.web.js, mau01.js), which is what a browser
        // without JavaScript gets; the context itself keeps its JS engine because axe runs in it (with Chromium's
        // JavaScriptEnabled = false, axe's timers never fire and the scan hangs). The portal has no <noscript>.
        async Task<IPage> NewPageAsync()
        {
            var context = await Browser!.NewContextAsync(new() { Locale = "vi-VN" });
            if (!javaScript) await context.RouteAsync(new System.Text.RegularExpressions.Regex(@"\.js(\?|$)"), route => route.AbortAsync());
            return await context.NewPageAsync();
        }

        // Anyone.
        var page = await NewPageAsync();
        foreach (var (path, name) in new[]
                 {
                     ("/", "trang-chu"), ("/dang-ky", "dang-ky"), ("/tra-cuu", "tra-cuu"), ("/tra-cuu/co-quan-bhxh", "tra-cuu-co-quan"),
                     ("/tra-cuu/ho-so", "tra-cuu-ho-so"), ("/dang-nhap", "dang-nhap"), ("/tai-khoan/quen-mat-khau", "quen-mat-khau"),
                     ("/can-bo/dang-nhap", "can-bo-dang-nhap"), ("/khong-co-trang-nay", "khong-tim-thay"), ("/yeu-cau-khong-hop-le", "yeu-cau-khong-hop-le"),
                 })
        {
            await page.GotoAsync(BaseUrl + path);
            await ScanAsync(page, name);
        }
        await page.GotoAsync(BaseUrl + "/tra-cuu/ho-so");
        await Submit(page, "Tra cứu").ClickAsync();
        await page.Locator(".field-error").First.WaitForAsync();
        await ScanAsync(page, "tra-cuu-ho-so-loi");
        await Field(page, "Số hồ sơ").FillAsync(declaration.RecordNumber.ToString());
        await Field(page, "Mã số BHXH").FillAsync("0123456781");
        await Submit(page, "Tra cứu").ClickAsync();
        await page.Locator(".lookup-result").WaitForAsync();
        await ScanAsync(page, "tra-cuu-ho-so-ket-qua");
        await page.GotoAsync(BaseUrl + "/dang-nhap");
        await Submit(page, "Đăng nhập").ClickAsync();
        await page.Locator(".field-error, [role=alert]").First.WaitForAsync();
        await ScanAsync(page, "dang-nhap-loi");

        await Mau01Async(page);

        // A citizen with an account.
        page = await NewPageAsync();
        await SignInAsync(page, Citizen, TestAccounts.Password);
        await page.WaitForURLAsync("**/tai-khoan");
        foreach (var (path, name) in new[]
                 {
                     ("/tai-khoan", "tai-khoan"), ("/tai-khoan/ho-so", "ho-so-cua-toi"), ("/tai-khoan/doi-mat-khau", "doi-mat-khau"),
                     ("/tai-khoan/dang-ky-cho-con", "dang-ky-cho-con"), ("/tai-khoan/dieu-chinh-thong-tin", "dieu-chinh-thong-tin"),
                     ("/tai-khoan/ngung-su-dung", "ngung-su-dung"),
                 })
        {
            await page.GotoAsync(BaseUrl + path);
            await ScanAsync(page, name);
        }

        // Staff of BHXH Quận Đống Đa, at the staff login.
        page = await NewPageAsync();
        await page.GotoAsync(BaseUrl + "/can-bo/dang-nhap");
        await Field(page, "Tên đăng nhập").FillAsync(Staff);
        await Field(page, "Mật khẩu").FillAsync(TestAccounts.Password);
        await Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode);
        await Submit(page, "Đăng nhập").ClickAsync();
        await page.WaitForURLAsync("**/can-bo/tiep-nhan");
        await InteractiveAsync(page, javaScript);
        await ScanAsync(page, "can-bo-tiep-nhan");
        await page.GotoAsync(BaseUrl + $"/can-bo/ho-so/{declaration.Id}");
        await InteractiveAsync(page, javaScript);
        await ScanAsync(page, "can-bo-ho-so");

        // The administrator.
        page = await NewPageAsync();
        await SignInAsync(page, Admin, TestAccounts.Password);
        await page.WaitForURLAsync("**/tai-khoan");
        foreach (var (path, name) in new[]
                 {
                     ("/quan-tri/hop-thu-di", "quan-tri-hop-thu-di"), ("/quan-tri/co-quan", "quan-tri-co-quan"),
                     ("/quan-tri/co-quan/00106", "quan-tri-co-quan-sua"), ("/quan-tri/co-quan/nhap-csv", "quan-tri-co-quan-nhap-csv"),
                     ("/quan-tri/can-bo", "quan-tri-can-bo"), ("/quan-tri/can-bo/tao-moi", "quan-tri-can-bo-tao-moi"),
                     ("/quan-tri/lich-su-tac-vu", "quan-tri-lich-su-tac-vu"),
                 })
        {
            await page.GotoAsync(BaseUrl + path);
            await ScanAsync(page, name);
        }

        Assert.True(_violations.Length == 0,
            $"Serious or critical axe violations (JavaScript {(javaScript ? "on" : "off")}), {_scanned.Count} pages scanned:\n{_violations}");
        Assert.True(_scanned.Count >= 35, $"only {_scanned.Count} pages scanned: {string.Join(", ", _scanned)}");
    }

    /// <summary>Mẫu 01 from step 1 to Ghi nhận, each step scanned first with its errors shown, then filled.</summary>
    private async Task Mau01Async(IPage page)
    {
        await page.GotoAsync(BaseUrl + "/dang-ky");
        await Submit(page, "Tiếp").ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/1");
        await ScanAsync(page, "mau01-1");
        await Submit(page, "Tiếp").ClickAsync();
        await ErrorsShownAsync(page, "mau01-1-loi");
        await Field(page, "Ảnh cá nhân").SetInputFilesAsync(Fixture("portrait.jpg"));
        await Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt trước").SetInputFilesAsync(Fixture("id-front.jpg"));
        await Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt sau").SetInputFilesAsync(Fixture("id-back.jpg"));
        await Submit(page, "Tiếp").ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/2");
        await ScanAsync(page, "mau01-2");

        await Submit(page, "Tiếp").ClickAsync();
        await ErrorsShownAsync(page, "mau01-2-loi");
        await Field(page, "Tên cơ quan/tổ chức/cá nhân").FillAsync("Phạm Thị Thu Hương");
        await Field(page, "Mã số bảo hiểm xã hội").FillAsync("0198765432");
        await Field(page, "Số CMND/HC/CC").FillAsync("079190012345");
        await Field(page, "Người liên hệ").FillAsync("Phạm Văn Quý");
        await Field(page, "Điện thoại di động").FillAsync("0987 654 321");
        await page.GetByLabel("Cổng thông tin điện tử của BHXH Việt Nam").CheckAsync();
        await Submit(page, "Tiếp").ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/3");
        await ScanAsync(page, "mau01-3");

        await Submit(page, "Tiếp").ClickAsync();
        await ErrorsShownAsync(page, "mau01-3-loi");
        await Field(page, "Tỉnh/Thành phố").SelectOptionAsync("01");
        var refresh = page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật danh sách xã/phường" });
        if (await refresh.IsVisibleAsync()) await refresh.ClickAsync();
        await page.Locator("#WardCode option[value='00367']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Field(page, "Xã/Phường/Thị trấn").SelectOptionAsync("00367");
        await Field(page, "Số nhà, đường phố, thôn/xóm").FillAsync("Số 12 ngõ 34 phố Nguyễn Trãi");
        await Submit(page, "Tiếp").ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/4");
        await ScanAsync(page, "mau01-4");

        await Submit(page, "Tiếp").ClickAsync();
        await ErrorsShownAsync(page, "mau01-4-loi");
        await page.GetByLabel("Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam").CheckAsync();
        await Submit(page, "Tiếp").ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/5");
        await ScanAsync(page, "mau01-5");

        await Submit(page, "Ghi nhận").ClickAsync();
        await ErrorsShownAsync(page, "mau01-5-loi");
        await page.GetByLabel("cam kết hoàn toàn chịu trách nhiệm").CheckAsync();
        await Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode);
        await Submit(page, "Ghi nhận").ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/hoan-tat");
        await ScanAsync(page, "mau01-hoan-tat");
    }

    private static ILocator Submit(IPage page, string name) => page.Locator("main").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task ErrorsShownAsync(IPage page, string name)
    {
        await page.Locator(".field-error, .error-summary, [role=alert]").First.WaitForAsync();
        await ScanAsync(page, name);
    }

    /// <summary>With JavaScript on, waits for the circuit; without it the page stays as prerendered.</summary>
    private static async Task InteractiveAsync(IPage page, bool javaScript)
    {
        if (javaScript) await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    private async Task ScanAsync(IPage page, string name)
    {
        if (!_javaScript) Assert.False(await page.EvaluateAsync<bool>("'Blazor' in window"), $"{page.Url} ran blazor.web.js with JavaScript off");
        var file = $"{++_count:00}-{name}";
        _scanned.Add(file);
        await page.ScreenshotAsync(new() { Path = Path.Combine(_folder, file + ".png"), FullPage = true });
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } }).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            _violations.AppendLine($"{file} {new Uri(page.Url).PathAndQuery}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
                _violations.AppendLine($"    {node.Target} {node.Html}");
        }
    }
}
