using Microsoft.Playwright;
using Portal.Domain.Declarations;
using Portal.Infrastructure.Accounts;
using Portal.Web.Tests.Support;

namespace Portal.E2E;

/// <summary>The back office over a live circuit: a Đống Đa staff member finds a declaration as they type, opens it, receives and accepts it.</summary>
public sealed class BackOfficeInChromiumTests : ChromiumTest
{
    [Fact]
    public async Task Staff_find_a_declaration_without_diacritics_open_it_by_number_and_receive_then_accept_it()
    {
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, "canbo.dongda.thu", officeCode: "00106");
        var declaration = await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), DateTimeOffset.UtcNow);
        await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456782", "Trần Văn Bình"), DateTimeOffset.UtcNow);
        var context = await Browser!.NewContextAsync(new() { Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        var csp = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) csp.Add(m.Text); };

        await OpenQueueAsync(page);
        var rows = page.Locator("table.queue tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        // Typing reaches the server over the circuit: the list narrows without a page load.
        await page.GetByLabel("Tìm theo số hồ sơ, mã số BHXH, số CMND/HC/CC hoặc họ tên").PressSequentiallyAsync("nguyen thi anh tuyet");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Nguyễn Thị Ánh Tuyết");
        await Assertions.Expect(rows.First).ToContainTextAsync("Chưa mở");
        await SnapAsync(page, "can-bo-1-tiep-nhan");

        var box = page.GetByLabel("Số hồ sơ", new() { Exact = true });
        await box.FillAsync("GD/2000/99999");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Không tìm thấy hồ sơ trong phạm vi cơ quan của bạn.");
        await box.FillAsync(declaration.RecordNumber.ToString().Replace('/', '_').ToLowerInvariant());
        await box.PressAsync("Enter");
        await page.WaitForURLAsync($"**/can-bo/ho-so/{declaration.Id}");
        await page.Locator("[data-interactive=true]").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã tiếp nhận" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.success")).ToHaveTextAsync("Đã cập nhật");
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã tiếp nhận");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chấp thuận" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status-line strong")).ToHaveTextAsync("Đã duyệt");
        await Assertions.Expect(page.Locator("table.history tbody tr:not([data-kind=Viewed])")).ToHaveCountAsync(2);
        await SnapAsync(page, "can-bo-2-ho-so");

        Assert.Equal(DeclarationStatus.Accepted, (await TestDeclarations.FindAsync(App, "0123456781")).Status);
        Assert.Empty(csp);
    }

    [Fact]
    public async Task Staff_select_the_page_print_it_as_one_pdf_and_download_it()
    {
        await TestAccounts.CreateAsync(App, PortalRoles.OfficeStaff, "canbo.dongda.thu", officeCode: "00106");
        await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456781", "Nguyễn Thị Ánh Tuyết"), DateTimeOffset.UtcNow.AddMinutes(-1));
        await TestDeclarations.SeedAsync(App, TestDeclarations.Individual("0123456782", "Trần Văn Bình"), DateTimeOffset.UtcNow);
        var page = await (await Browser!.NewContextAsync(new() { Locale = "vi-VN", AcceptDownloads = true })).NewPageAsync();
        await OpenQueueAsync(page);

        await page.GetByLabel("Chọn tất cả hồ sơ trên trang này").CheckAsync();
        await Assertions.Expect(page.Locator(".selection-count")).ToContainTextAsync("Đã chọn 2 hồ sơ.");
        await page.GetByRole(AriaRole.Button, new() { Name = "In các hồ sơ đã chọn" }).ClickAsync();
        var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Tải tệp PDF \\(2 hồ sơ, [0-9.]+ KB\\)$") });
        await link.WaitForAsync();
        // The printed declarations count as opened now.
        await Assertions.Expect(page.Locator("table.queue .badge.new")).ToHaveCountAsync(0);
        await SnapAsync(page, "can-bo-3-in-hang-loat");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Equal(2, document.PageCount);
        Assert.StartsWith("in-ho-so-", download.SuggestedFilename);
    }

    private async Task OpenQueueAsync(IPage page)
    {
        await SignInAsync(page, "canbo.dongda.thu", TestAccounts.Password);
        await page.WaitForURLAsync("**/tai-khoan");
        await page.GotoAsync(BaseUrl + "/can-bo/tiep-nhan");
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }
}
