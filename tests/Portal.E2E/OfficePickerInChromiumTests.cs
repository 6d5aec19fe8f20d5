using Microsoft.Playwright;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>Step 4's office picker in Chromium with JavaScript off, on a phone-sized screen.</summary>
public sealed class OfficePickerInChromiumTests : ChromiumTest
{
    [Fact]
    public async Task Without_javascript_on_a_phone_a_2_tier_address_gets_its_office_suggested_and_another_provinces_office_can_be_chosen()
    {
        var context = await Browser!.NewContextAsync(new() { Locale = "vi-VN", JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(BaseUrl + "/dang-ky");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
            await page.WaitForURLAsync("**/dang-ky/to-khai/1");
            await Field(page, "Ảnh cá nhân").SetInputFilesAsync(Fixture("portrait.jpg"));
            await Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt trước").SetInputFilesAsync(Fixture("id-front.jpg"));
            await Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt sau").SetInputFilesAsync(Fixture("id-back.jpg"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
            await page.WaitForURLAsync("**/dang-ky/to-khai/2");
            await Field(page, "Tên cơ quan/tổ chức/cá nhân").FillAsync("Phạm Thị Thu Hương");
            await Field(page, "Mã số bảo hiểm xã hội").FillAsync("0198765432");
            await Field(page, "Số CMND/HC/CC").FillAsync("079190012345");
            await Field(page, "Điện thoại di động").FillAsync("0987 654 321");
            await page.GetByLabel("Cổng thông tin điện tử của BHXH Việt Nam").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
            await page.WaitForURLAsync("**/dang-ky/to-khai/3");

            // 2-tier: Thành phố Hà Nội › Phường Thanh Xuân, the wards listed by "Cập nhật danh sách xã/phường".
            await Field(page, "Tỉnh/Thành phố").SelectOptionAsync("01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật danh sách xã/phường" }).ClickAsync();
            await Field(page, "Xã/Phường/Thị trấn").SelectOptionAsync("00367");
            await Field(page, "Số nhà, đường phố, thôn/xóm").FillAsync("Số 12 ngõ 34 phố Nguyễn Trãi");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
            await page.WaitForURLAsync("**/dang-ky/to-khai/4");

            Assert.True(await page.GetByLabel("[00109] BHXH Quận Thanh Xuân").IsCheckedAsync());
            await page.GetByRole(AriaRole.Button, new() { Name = "Chọn cơ quan khác" }).ClickAsync();
            await Field(page, "BHXH tỉnh, thành phố").SelectOptionAsync("079");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật danh sách cơ quan" }).ClickAsync();
            await page.GetByLabel("[07919] BHXH Quận 7").CheckAsync();
            await SnapAsync(page, "co-quan-khac-390");
            // Nothing wider than the phone: the province select and the offices' addresses wrap.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
                "step 4 scrolls sideways at 390 px");
            await page.GetByLabel("Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
            await page.WaitForURLAsync("**/dang-ky/to-khai/5");
            Assert.Contains("[07919] BHXH Quận 7", await page.Locator(".summary").InnerTextAsync());
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            var errors = string.Join(" | ", await page.Locator(".field-error, [role=alert]").AllTextContentsAsync());
            throw new Xunit.Sdk.XunitException($"Stuck at {page.Url} (messages: {errors}): {e.Message}");
        }
    }
}
