using Microsoft.Playwright;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>
/// The citizen's and the staff's journeys with the keyboard alone: Tab and Shift+Tab to move, Enter and Space to act, and
/// typing into fields (a closed select takes typed text as its choice). No mouse click, no element focused by script:
/// every control used is reached by Tab, in the page's own order.
/// </summary>
public sealed class KeyboardOnlyInChromiumTests : ChromiumTest
{
    private string _folder = "";

    [Fact]
    public async Task A_citizen_fills_mau_01_to_ghi_nhan_with_the_keyboard_alone()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await TabToAsync(page, page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Đăng ký" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/dang-ky");
        await TabToAsync(page, Button(page, "Tiếp"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/dang-ky/to-khai/1");

        // A file input opens the file chooser on Space, as a person's keyboard does.
        foreach (var (label, file) in new[] { ("Ảnh cá nhân", "portrait.jpg"), ("Ảnh CMND/CCCD/Hộ chiếu mặt trước", "id-front.jpg"), ("Ảnh CMND/CCCD/Hộ chiếu mặt sau", "id-back.jpg") })
        {
            await TabToAsync(page, Field(page, label));
            await ChooseFileAsync(page, label, file);
        }
        await ShotAsync(page, "1-anh");
        await TabToAsync(page, Button(page, "Tiếp"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/dang-ky/to-khai/2");

        await TypeIntoAsync(page, "Tên cơ quan/tổ chức/cá nhân", "Phạm Thị Thu Hương");
        await TypeIntoAsync(page, "Mã số bảo hiểm xã hội", "0198765432");
        await TypeIntoAsync(page, "Số CMND/HC/CC", "079190012345");
        await TypeIntoAsync(page, "Người liên hệ", "Phạm Văn Quý");
        await TypeIntoAsync(page, "Điện thoại di động", "0987654321");
        await TabToAsync(page, page.GetByLabel("Cổng thông tin điện tử của BHXH Việt Nam"));
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.GetByLabel("Cổng thông tin điện tử của BHXH Việt Nam").IsCheckedAsync());
        await ShotAsync(page, "2-thong-tin");
        await TabToAsync(page, Button(page, "Tiếp"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/dang-ky/to-khai/3");

        // The address in force since 1 July 2025 (the default): Thành phố Hà Nội › Phường Thanh Xuân.
        await TabToAsync(page, Field(page, "Tỉnh/Thành phố"));
        await page.Keyboard.TypeAsync("01 - Thành phố Hà Nội"); // a closed select takes the typed start of an option
        await Assertions.Expect(Field(page, "Tỉnh/Thành phố")).ToHaveValueAsync("01");
        await page.Locator("#WardCode option[value='00367']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await TabToAsync(page, Field(page, "Xã/Phường/Thị trấn"));
        await page.Keyboard.TypeAsync("00367");
        await Assertions.Expect(Field(page, "Xã/Phường/Thị trấn")).ToHaveValueAsync("00367");
        await TypeIntoAsync(page, "Số nhà, đường phố, thôn/xóm", "Số 12 ngõ 34 phố Nguyễn Trãi");
        await ShotAsync(page, "3-dia-chi");
        await page.Keyboard.PressAsync("Enter"); // Enter in a text field goes on, as Tiếp does
        await page.WaitForURLAsync("**/dang-ky/to-khai/4");

        Assert.True(await page.GetByLabel("[00109] BHXH Quận Thanh Xuân").IsCheckedAsync()); // suggested from the address
        await TabToAsync(page, page.GetByLabel("Tại nơi tiếp nhận hồ sơ theo quy định của BHXH Việt Nam"));
        await page.Keyboard.PressAsync("Space");
        await ShotAsync(page, "4-co-quan");
        await TabToAsync(page, Button(page, "Tiếp"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/dang-ky/to-khai/5");

        // Forward to Ghi nhận, then back with Shift+Tab to the commitment and the captcha above it.
        await TabToAsync(page, Button(page, "Ghi nhận"));
        await TabToAsync(page, page.GetByLabel("cam kết hoàn toàn chịu trách nhiệm"), backwards: true);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.GetByLabel("cam kết hoàn toàn chịu trách nhiệm").IsCheckedAsync());
        await TypeIntoAsync(page, "Mã kiểm tra", PortalApp.CaptchaCode);
        await ShotAsync(page, "5-ghi-nhan");
        await TabToAsync(page, Button(page, "Ghi nhận"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/dang-ky/hoan-tat");
        await ShotAsync(page, "6-hoan-tat");
        Assert.Matches(@"^GD/\d{4}/\d{5}$", await page.Locator(".record-number").InnerTextAsync());
    }

    [Fact]
    public async Task Staff_log_in_find_a_declaration_open_it_and_mark_it_received_with_the_keyboard_alone()
    {
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, "canbo.dongda.thu", officeCode: "00106");
        var declaration = await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), DateTimeOffset.UtcNow);
        await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456782", "Trần Văn Bình"), DateTimeOffset.UtcNow);
        var page = await NewPageAsync();
        await page.GotoAsync(BaseUrl + "/can-bo/dang-nhap");
        await TypeIntoAsync(page, "Tên đăng nhập", "canbo.dongda.thu");
        await TypeIntoAsync(page, "Mật khẩu", TestAccounts.Password);
        await TypeIntoAsync(page, "Mã kiểm tra", PortalApp.CaptchaCode);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/can-bo/tiep-nhan");
        await page.Locator("[data-interactive=true]").WaitForAsync();

        var rows = page.Locator("table.queue tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await TabToAsync(page, page.GetByLabel("Tìm theo số hồ sơ, mã số BHXH, số CMND/HC/CC hoặc họ tên"));
        await page.Keyboard.TypeAsync("nguyen thi anh tuyet");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await ShotAsync(page, "can-bo-1-tiep-nhan");
        await TabToAsync(page, rows.First.GetByRole(AriaRole.Link, new() { Name = declaration.RecordNumber.ToString() }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/can-bo/ho-so/{declaration.Id}");
        await page.Locator("[data-interactive=true]").WaitForAsync();

        await TabToAsync(page, Button(page, "Đánh dấu đã tiếp nhận"));
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận");
        await ShotAsync(page, "can-bo-2-da-tiep-nhan");
        Assert.Equal(DeclarationStatus.Received, (await TestDeclarations.FindAsync(App, "0123456781")).Status);
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await (await Browser!.NewContextAsync(new() { Locale = "vi-VN" })).NewPageAsync();
        _folder = Path.Combine(AccessibilityInChromiumTests.ScreenshotFolder, "keyboard");
        Directory.CreateDirectory(_folder);
        return page;
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(_folder, name + ".png"), FullPage = true });

    /// <summary>Space on the focused file input opens the chooser (Enter as a second try: Chromium drops an early key now and then).</summary>
    private static async Task ChooseFileAsync(IPage page, string label, string file)
    {
        foreach (var key in new[] { "Space", "Enter", "Space" })
        {
            try
            {
                var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync(key), new() { Timeout = 5000 });
                await chooser.SetFilesAsync(Fixture(file));
                Assert.Equal(1, await Field(page, label).EvaluateAsync<int>("e => e.files.length"));
                return;
            }
            catch (TimeoutException)
            {
                Assert.True(await Field(page, label).EvaluateAsync<bool>("e => e === document.activeElement"), $"{label} lost the focus");
            }
        }
        throw new Xunit.Sdk.XunitException($"the keyboard never opened the file chooser of {label}");
    }

    private static ILocator Button(IPage page, string name) => page.Locator("main").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task TypeIntoAsync(IPage page, string label, string text)
    {
        await TabToAsync(page, Field(page, label));
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus; fails when it never does.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        throw new Xunit.Sdk.XunitException($"{(backwards ? "Shift+Tab" : "Tab")} never reached {target} on {page.Url}");
    }
}
