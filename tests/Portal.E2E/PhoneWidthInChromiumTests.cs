using Microsoft.Playwright;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>Mẫu 01 on a 390 × 844 phone, with JavaScript on and off: every step, the review and the confirmation fit the width.</summary>
public sealed class PhoneWidthInChromiumTests : ChromiumTest
{
    private const int Width = 390;
    private const string LongEmail = "nguyen.thi.hong.nhung.mot.dia.chi.rat.dai@mot-ten-mien-cung-rat-dai-de-thu.example.vn";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_step_fits_a_390_px_screen(bool javaScript)
    {
        var context = await Browser!.NewContextAsync(new()
        {
            Locale = "vi-VN", ViewportSize = new() { Width = Width, Height = 844 }, DeviceScaleFactor = 1, JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        var suffix = javaScript ? "js" : "nojs";
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Tiếp", Exact = true });

        await page.GotoAsync(BaseUrl + "/dang-ky");
        await AssertFitsAsync(page, $"390-{suffix}-0-dang-ky");
        await next.ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/1");

        await ChromiumTest.Field(page, "Ảnh cá nhân").SetInputFilesAsync(Fixture("portrait.jpg"));
        await ChromiumTest.Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt trước").SetInputFilesAsync(Fixture("id-front.jpg"));
        await ChromiumTest.Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt sau").SetInputFilesAsync(Fixture("id-back.jpg"));
        await AssertFitsAsync(page, $"390-{suffix}-1-anh");
        await next.ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/2");

        // Refused once, so the messages are on screen when the width is measured.
        await next.ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        await AssertFitsAsync(page, $"390-{suffix}-2-loi");
        await Field(page, "Tên cơ quan/tổ chức/cá nhân").FillAsync("Nguyễn Thị Hồng Nhung");
        await Field(page, "Mã số bảo hiểm xã hội").FillAsync("0155555555");
        await Field(page, "Số CMND/HC/CC").FillAsync("001190012345");
        await Field(page, "Địa chỉ thư điện tử").FillAsync(LongEmail);
        await Field(page, "Điện thoại di động").FillAsync("0983647986");
        await page.GetByLabel("Cổng thông tin điện tử của BHXH Việt Nam").CheckAsync();
        await AssertFitsAsync(page, $"390-{suffix}-2-thong-tin");
        await next.ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/3");

        await Field(page, "Tỉnh/Thành phố").SelectOptionAsync("01");
        if (javaScript)
            await page.Locator("#WardCode option[value='00367']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        else
            await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật danh sách xã/phường" }).ClickAsync();
        await Field(page, "Xã/Phường/Thị trấn").SelectOptionAsync("00367");
        await Field(page, "Số nhà, đường phố, thôn/xóm").FillAsync("Số 12 ngõ 34 phố Nguyễn Trãi");
        await AssertFitsAsync(page, $"390-{suffix}-3-dia-chi");
        await next.ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/4");

        await Mau01InChromium.ChooseDongDaOfficeAsync(page);
        await page.GetByLabel("Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam").CheckAsync();
        await page.GetByLabel("Gửi email tờ khai").CheckAsync();
        await AssertFitsAsync(page, $"390-{suffix}-4-co-quan");
        await next.ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/5");

        await page.GetByLabel("cam kết hoàn toàn chịu trách nhiệm").CheckAsync();
        await Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode);
        await AssertFitsAsync(page, $"390-{suffix}-5-kiem-tra");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/hoan-tat");
        await AssertFitsAsync(page, $"390-{suffix}-6-hoan-tat");
    }

    private static async Task AssertFitsAsync(IPage page, string name)
    {
        await SnapAsync(page, name);
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390.5).map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ')");
        Assert.True(scrollWidth <= Width, $"{name}: the page is {scrollWidth} px wide at {Width} px ({widest})");
    }
}
