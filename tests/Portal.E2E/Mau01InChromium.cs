using Microsoft.Playwright;
using Portal.Web.Tests.Support;
using static Portal.E2E.ChromiumTest;

namespace Portal.E2E;

/// <summary>A newcomer's Mẫu 01 in Chromium, by the labels on the screen, for the tests that start from a fresh declaration.</summary>
internal static class Mau01InChromium
{
    public const string FullName = "Phạm Thị Thu Hương";
    public const string MaSoBhxh = "0198765432";
    public const string Email = "huong@example.vn";
    public const string MobilePhone = "0987654321";

    /// <summary>Registers Phạm Thị Thu Hương at BHXH Quận Đống Đa, email included, up to Ghi nhận; returns the record number.</summary>
    public static async Task<string> SubmitIndividualAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Đăng ký" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/1");

        await Field(page, "Ảnh cá nhân").SetInputFilesAsync(Fixture("portrait.jpg"));
        await Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt trước").SetInputFilesAsync(Fixture("id-front.jpg"));
        await Field(page, "Ảnh CMND/CCCD/Hộ chiếu mặt sau").SetInputFilesAsync(Fixture("id-back.jpg"));
        await SnapAsync(page, "1-anh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/2");

        await Field(page, "Tên cơ quan/tổ chức/cá nhân").FillAsync("Phạm Thị Thu Hương");
        await Field(page, "Mã số bảo hiểm xã hội").FillAsync(MaSoBhxh);
        await Field(page, "Số CMND/HC/CC").FillAsync("079190012345");
        await Field(page, "Người liên hệ").FillAsync("Phạm Văn Quý");
        await Field(page, "Địa chỉ thư điện tử").FillAsync(Email);
        await Field(page, "Điện thoại di động").FillAsync("0987 654 321");
        await page.GetByLabel("Cổng thông tin điện tử của BHXH Việt Nam").CheckAsync();
        await SnapAsync(page, "2-thong-tin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/3");

        await FillAddressAsync(page);
        // Enter in a text field goes on to the next step, as "Tiếp" does.
        await Field(page, "Số nhà, đường phố, thôn/xóm").PressAsync("Enter");
        await page.WaitForURLAsync("**/dang-ky/to-khai/4");

        // The office of the address's district is suggested and chosen; another province's list comes without a post.
        Assert.True(await page.GetByLabel("[00106] BHXH Quận Đống Đa").IsCheckedAsync());
        Assert.Contains("Phố Trần Hữu Tước", await page.Locator(".office-chosen").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Chọn cơ quan khác" }).ClickAsync();
        await Field(page, "BHXH tỉnh, thành phố").SelectOptionAsync("079");
        await page.GetByLabel("[07919] BHXH Quận 7").CheckAsync();
        Assert.Contains("02837850110", await page.Locator(".office-chosen").InnerTextAsync());
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật danh sách cơ quan" }).IsVisibleAsync());
        await page.GetByLabel("[00106] BHXH Quận Đống Đa").CheckAsync();
        await page.GetByLabel("Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam").CheckAsync();
        await page.GetByLabel("Gửi email tờ khai").CheckAsync();
        await SnapAsync(page, "4-co-quan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/to-khai/5");

        await page.GetByLabel("cam kết hoàn toàn chịu trách nhiệm").CheckAsync();
        await Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode.ToLowerInvariant());
        await SnapAsync(page, "5-ghi-nhan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        await page.WaitForURLAsync("**/dang-ky/hoan-tat");

        await SnapAsync(page, "6-hoan-tat");
        return await page.Locator(".record-number").InnerTextAsync();
    }

    /// <summary>
    /// Step 3, in the old 3-tier scheme as on older papers: Hà Nội › Quận Đống Đa › Phường Nam Đồng, the lists
    /// filling as each level is chosen.
    /// </summary>
    public static async Task FillAddressAsync(IPage page)
    {
        await page.GetByLabel("Địa chỉ theo địa giới hành chính cũ").CheckAsync();
        await Field(page, "Quận/Huyện").WaitForAsync();
        await Field(page, "Tỉnh/Thành phố").SelectOptionAsync("01");
        await page.Locator("#DistrictCode option[value='006']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Field(page, "Quận/Huyện").SelectOptionAsync("006");
        await page.Locator("#WardCode option[value='00208']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Field(page, "Xã/Phường/Thị trấn").SelectOptionAsync("00208");
        await Field(page, "Số nhà, đường phố, thôn/xóm").FillAsync("Số 5 phố Trần Hữu Tước");
    }

    /// <summary>
    /// Step 4: BHXH Quận Đống Đa as the receiving office: suggested for an address in Quận Đống Đa, else one of
    /// Hà Nội's offices that "Chọn cơ quan khác" lists for a Hà Nội address (a post, with JavaScript or without).
    /// </summary>
    public static async Task ChooseDongDaOfficeAsync(IPage page)
    {
        var dongDa = page.GetByLabel("[00106] BHXH Quận Đống Đa");
        if (await dongDa.CountAsync() == 0)
            await page.GetByRole(AriaRole.Button, new() { Name = "Chọn cơ quan khác" }).ClickAsync();
        await dongDa.CheckAsync();
    }
}
