using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>A citizen's registration in Debian's Chromium, the way a person does it: by the labels on the screen.</summary>
public sealed class RegistrationInChromiumTests : ChromiumTest
{
    [Fact]
    public async Task A_citizen_fills_mau_01_by_its_labels_and_downloads_the_pdf()
    {
        var context = await Browser!.NewContextAsync(new() { AcceptDownloads = true, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        try
        {
            await FillAndDownloadAsync(page);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw await StuckAsync(page, e);
        }
    }

    [Fact]
    public async Task A_guardian_signs_in_and_registers_a_child_by_the_labels()
    {
        await TestAccounts.CreateAsync(App, Portal.Infrastructure.Accounts.PortalRoles.Citizen, "0123456780", fullName: "Trần Thị Mai",
            phone: "0912000001", email: "me.mai@example.vn", identityNumber: "001185012345");
        var context = await Browser!.NewContextAsync(new() { Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        try
        {
            await RegisterChildAsync(page);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw await StuckAsync(page, e);
        }
    }

    /// <summary>Says where the browser was stuck, which a timeout alone does not: the page, its heading, its messages, and the portal's warnings.</summary>
    private async Task<Exception> StuckAsync(IPage page, Exception e)
    {
        var heading = await page.Locator("h1").First.TextContentAsync(new() { Timeout = 2000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "?");
        var errors = string.Join(" | ", await page.Locator(".field-error, [role=alert]").AllTextContentsAsync());
        var warnings = string.Join("\n", App.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).TakeLast(10));
        return new Xunit.Sdk.XunitException($"Stuck at {page.Url} (h1: {heading}; messages: {errors}): {e.Message}\nportal warnings:\n{warnings}");
    }

    private async Task RegisterChildAsync(IPage page)
    {
        await page.GotoAsync(BaseUrl + "/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-nhap");
        await Field(page, "Mã số BHXH").FillAsync("0123456780");
        await Field(page, "Mật khẩu").FillAsync(TestAccounts.Password);
        await Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/tai-khoan");
        await SnapAsync(page, "con-0-tai-khoan");

        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký cho con" }).ClickAsync();
        await page.WaitForURLAsync("**/tai-khoan/dang-ky-cho-con");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu kê khai" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/1");

        await Field(page, "Ảnh cá nhân").SetInputFilesAsync(Fixture("portrait.jpg"));
        await Field(page, "Ảnh giấy khai sinh").SetInputFilesAsync(Fixture("birth-certificate.png"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/2");

        Assert.Contains("001185012345", await page.Locator(".guardian-from-account").InnerTextAsync());
        Assert.Equal(0, await page.GetByLabel("Số CMND/HC/CC của người giám hộ").CountAsync());
        await Field(page, "Họ và tên").FillAsync("Lê Minh Khôi");
        await Field(page, "Mã số bảo hiểm xã hội").FillAsync("0111222333");
        await SnapAsync(page, "con-2-thong-tin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/3");

        await Mau01InChromium.FillAddressAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/4");

        Assert.True(await page.GetByLabel("[00106] BHXH Quận Đống Đa").IsCheckedAsync()); // suggested from the address
        await page.GetByLabel("Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/5");

        Assert.Equal(0, await page.GetByLabel("Mã kiểm tra").CountAsync());
        await page.GetByLabel("cam kết hoàn toàn chịu trách nhiệm").CheckAsync();
        await SnapAsync(page, "con-5-ghi-nhan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/hoan-tat");
        await SnapAsync(page, "con-6-hoan-tat");
        Assert.Matches(@"^GD/\d{4}/\d{5}$", await page.Locator(".record-number").InnerTextAsync());
        Assert.Contains("0912000001", await page.Locator("p.delivery").First.InnerTextAsync());
    }

    private async Task FillAndDownloadAsync(IPage page)
    {
        var number = await Mau01InChromium.SubmitIndividualAsync(page, BaseUrl);
        Assert.Matches(@"^GD/\d{4}/\d{5}$", number);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải tờ khai" }).ClickAsync());
        Assert.Equal(number.Replace('/', '_') + ".pdf", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        if (Environment.GetEnvironmentVariable("PORTAL_E2E_SCREENSHOTS") is { Length: > 0 } folder) File.Copy(path, Path.Combine(folder, "mau-01.pdf"), overwrite: true);
        var text = PdfText(path);
        File.Delete(path);
        foreach (var value in new[] { "Phạm Thị Thu Hương", "0198765432", "079190012345", "Phạm Văn Quý", "huong@example.vn", "0987654321",
                     "Số 5 phố Trần Hữu Tước", "Phường Nam Đồng", "Quận Đống Đa", "BHXH Quận Đống Đa", number })
        {
            Assert.Contains(value, text);
        }
    }

    private static string PdfText(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
