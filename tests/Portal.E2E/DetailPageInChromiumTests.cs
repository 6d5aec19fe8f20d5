using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Infrastructure.Accounts;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Review;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>The detail page in Chromium: staff sign in at the staff login, see the photos (each fetch recorded), print it, read it on a phone.</summary>
public sealed class DetailPageInChromiumTests : ChromiumTest
{
    private const string DongDa = "canbo.dongda.thu";

    private async Task<(IPage Page, Portal.Domain.Declarations.Declaration Declaration)> OpenAsync(BrowserNewContextOptions options)
    {
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, DongDa, officeCode: "00106");
        var declaration = await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), DateTimeOffset.UtcNow);
        var page = await (await Browser!.NewContextAsync(options)).NewPageAsync();
        await page.GotoAsync(BaseUrl + "/can-bo/dang-nhap");
        await Field(page, "Tên đăng nhập").FillAsync(DongDa);
        await Field(page, "Mật khẩu").FillAsync(TestAccounts.Password);
        await Field(page, "Mã kiểm tra").FillAsync(PortalApp.CaptchaCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/can-bo/tiep-nhan");
        await page.GotoAsync(BaseUrl + $"/can-bo/ho-so/{declaration.Id}");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        return (page, declaration);
    }

    private static async Task AllPhotosLoadedAsync(IPage page)
    {
        var photos = page.Locator(".declaration-photos img");
        for (var i = 0; i < await photos.CountAsync(); i++)
        {
            await photos.Nth(i).ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(photos.Nth(i)).ToHaveJSPropertyAsync("complete", true);
        }
        Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll('.declaration-photos img')].every(i => i.naturalWidth > 0)"));
    }

    private async Task<List<string>> ViewedAsync(Guid declarationId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().DeclarationEvents.AsNoTracking()
            .Where(e => e.DeclarationId == declarationId && e.Kind == DeclarationEventKind.Viewed && e.ByUserName == DongDa)
            .Select(e => e.Note!).ToListAsync();
    }

    [Fact]
    public async Task The_photos_load_with_one_recorded_view_each_and_the_page_prints_black_on_white_without_its_buttons()
    {
        var (page, declaration) = await OpenAsync(new() { Locale = "vi-VN" });
        await AllPhotosLoadedAsync(page);
        Assert.Equal(["Ảnh CMND/CCCD/Hộ chiếu mặt sau", "Ảnh CMND/CCCD/Hộ chiếu mặt trước", "Ảnh cá nhân"], (await ViewedAsync(declaration.Id)).Order(StringComparer.Ordinal));
        await SnapAsync(page, "can-bo-ho-so-anh");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var hidden in new[] { ".site-header", ".site-footer", "p.actions", ".review-actions" })
            await Assertions.Expect(page.Locator(hidden).First).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".declaration-fields")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".declaration-photos img")).ToHaveCountAsync(3);
        foreach (var img in await page.Locator(".declaration-photos img").AllAsync()) await Assertions.Expect(img).ToBeVisibleAsync();
        Assert.Equal("rgb(0, 0, 0)", await page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.Equal("rgb(0, 0, 0)", await page.Locator(".declaration-fields dt").First.EvaluateAsync<string>("e => getComputedStyle(e).color"));

        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true });
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        if (Environment.GetEnvironmentVariable("PORTAL_E2E_SCREENSHOTS") is { Length: > 0 } folder)
            await File.WriteAllBytesAsync(Path.Combine(folder, "can-bo-ho-so-in.pdf"), pdf);
    }

    [Fact]
    public async Task On_a_390_px_phone_the_detail_page_fits_the_width()
    {
        var (page, _) = await OpenAsync(new() { Locale = "vi-VN", ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 1 });
        await AllPhotosLoadedAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"),
            $"scrollWidth {await page.EvaluateAsync<int>("document.documentElement.scrollWidth")}");
        await SnapAsync(page, "can-bo-ho-so-390");
    }
}
