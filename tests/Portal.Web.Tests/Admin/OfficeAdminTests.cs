using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Offices;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Admin;

/// <summary>Quản trị → Cơ quan BHXH over HTTP: editing one office, and the CSV import with its preview.</summary>
public sealed class OfficeAdminTests
{
    private const string ImportUrl = "/quan-tri/co-quan/nhap-csv";

    private static async Task<BhxhOffice> OfficeAsync(PortalApp app, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BhxhOffices.AsNoTracking().SingleAsync(o => o.Code == code);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(Mau01Client browser, string csv) =>
        (await browser.PostFormAsync(ImportUrl, [], new() { ["Upload.File"] = ("co-quan.csv", Encoding.UTF8.GetBytes(csv)) }, "form.import-upload")).Page;

    private static List<string[]> Rows(AngleSharp.Html.Dom.IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"table.{table} tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public async Task Editing_an_office_stores_the_contact_as_the_admins_and_the_lookup_page_shows_it()
    {
        await using var app = new PortalApp();
        var browser = await TestAccounts.AdminAsync(app);

        var list = await browser.GetAsync("/quan-tri/co-quan?q=ba vi");
        var row = list.QuerySelector("table.offices tr[data-code='00120']")!;
        Assert.Equal("Suy ra từ danh mục hành chính, chưa xác nhận", row.QuerySelectorAll("td")[4].TextContent);
        var (_, saved) = await browser.PostFormAsync(row.QuerySelector("a")!.GetAttribute("href")!, new()
        {
            ["Input.Address"] = "  Thị trấn Tây Đằng,   huyện Ba Vì ",
            ["Input.Phone"] = "(024) 3386-3284",
        }, formSelector: "form.office-edit");

        Assert.StartsWith("Đã lưu.", saved.QuerySelector("p.success")!.TextContent);
        Assert.Equal("Thị trấn Tây Đằng, huyện Ba Vì", saved.QuerySelector("#Address")!.GetAttribute("value"));
        var stored = await OfficeAsync(app, "00120");
        Assert.Equal(("Thị trấn Tây Đằng, huyện Ba Vì", "02433863284", OfficeSource.Staff), (stored.Address, stored.Phone, stored.Source));
        var lookup = await browser.GetAsync("/tra-cuu/co-quan-bhxh?q=00120");
        Assert.Contains("Địa chỉ: Thị trấn Tây Đằng, huyện Ba Vì · Điện thoại: 02433863284", lookup.Body!.TextContent);
    }

    [Fact]
    public async Task An_invalid_edit_shows_the_messages_next_to_the_fields_and_changes_nothing_and_an_unknown_code_is_404()
    {
        await using var app = new PortalApp();
        var browser = await TestAccounts.AdminAsync(app);

        var (response, page) = await browser.PostFormAsync("/quan-tri/co-quan/00106", new() { ["Input.Address"] = " ", ["Input.Phone"] = "024 387" }, formSelector: "form.office-edit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Lỗi: Vui lòng nhập địa chỉ của cơ quan.", page.QuerySelector("#Address-error")!.TextContent);
        Assert.StartsWith("Lỗi: Số điện thoại gồm 8 đến 11 chữ số", page.QuerySelector("#Phone-error")!.TextContent);
        Assert.Equal("024 387", page.QuerySelector("#Phone")!.GetAttribute("value"));
        var stored = await OfficeAsync(app, "00106");
        Assert.Equal(("Phố Trần Hữu Tước, phường Nam Đồng", "02438747408", OfficeSource.Seed), (stored.Address, stored.Phone, stored.Source));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/quan-tri/co-quan/00199")).StatusCode);
    }

    [Fact]
    public async Task The_csv_preview_shows_each_change_before_and_after_and_saving_applies_them_all_at_once()
    {
        await using var app = new PortalApp();
        var browser = await TestAccounts.AdminAsync(app);
        const string csv = "ma,dia chi,dien thoai\r\n" +
                           "00101,\"Số 4 phố Đội Cấn, phường Đội Cấn\",024 3823 4567\r\n" +
                           "00106,\"Phố Trần Hữu Tước, phường Nam Đồng\",02438747408\r\n" +
                           "\r\n" +
                           "07919,\"\",02837850110\r\n";

        var preview = await UploadAsync(browser, csv);

        Assert.Equal("1 cơ quan sẽ thay đổi · 1 dòng không thay đổi · 1 lỗi", preview.QuerySelector(".import-summary")?.TextContent);
        var changes = Rows(preview, "import-changes");
        Assert.Equal([["2", "[00101] BHXH Quận Ba Đình", "Quận Ba Đình, Thành phố Hà Nội → Số 4 phố Đội Cấn, phường Đội Cấn", "(trống) → 02438234567"]], changes);
        Assert.Contains("Dòng 3: [00106] BHXH Quận Đống Đa", preview.QuerySelector(".import-unchanged")!.TextContent);
        Assert.Null(preview.QuerySelector("form.import-save"));
        Assert.Equal(["5", "07919", "Vui lòng nhập địa chỉ của cơ quan."], Rows(preview, "import-errors").Single());

        var fixedCsv = csv.Replace("07919,\"\",02837850110", "07919,\"Số 1 đường Tân Mỹ, phường Tân Thuận Tây, Quận 7\",");
        preview = await UploadAsync(browser, fixedCsv);
        Assert.Equal("2 cơ quan sẽ thay đổi · 1 dòng không thay đổi · 0 lỗi", preview.QuerySelector(".import-summary")?.TextContent);
        Assert.Equal(["5", "[07919] BHXH Quận 7", "Quận 7, Thành phố Hồ Chí Minh → Số 1 đường Tân Mỹ, phường Tân Thuận Tây, Quận 7", "02837850110 → (trống)"],
            Rows(preview, "import-changes")[1]);
        Assert.Equal("Quận Ba Đình, Thành phố Hà Nội", (await OfficeAsync(app, "00101")).Address);

        var (_, done) = await browser.PostAsync(preview, ImportUrl, [], formSelector: "form.import-save");

        Assert.StartsWith("Đã lưu thay đổi của 2 cơ quan: 00101, 07919.", done.QuerySelector("p.success")!.TextContent);
        var baDinh = await OfficeAsync(app, "00101");
        var quan7 = await OfficeAsync(app, "07919");
        Assert.Equal(("Số 4 phố Đội Cấn, phường Đội Cấn", "02438234567", OfficeSource.Staff), (baDinh.Address, baDinh.Phone, baDinh.Source));
        Assert.Equal(("Số 1 đường Tân Mỹ, phường Tân Thuận Tây, Quận 7", null, OfficeSource.Staff), (quan7.Address, quan7.Phone, quan7.Source));
        Assert.Equal(OfficeSource.Seed, (await OfficeAsync(app, "00106")).Source);
        Assert.Contains("Số 4 phố Đội Cấn", (await browser.GetAsync("/tra-cuu/co-quan-bhxh?q=00101")).Body!.TextContent);
    }

    [Fact]
    public async Task An_invalid_csv_gives_line_numbered_errors_and_no_save_and_changes_nothing()
    {
        await using var app = new PortalApp();
        var browser = await TestAccounts.AdminAsync(app);
        const string csv = "00101;Số 4 phố Đội Cấn, phường Đội Cấn;02438234567\n" +
                           "00199;Không có;02438234567\n" +
                           "00102;Phố Hàng Bài;0243 82\n" +
                           "00103;Phố Hàng Bông\n" +
                           "00101;Phố Khác;02438234568\n" +
                           ";Phố Không Mã;\n";

        var preview = await UploadAsync(browser, csv);

        Assert.Equal([
            ["2", "00199", "Không có cơ quan BHXH mã 00199."],
            ["3", "00102", "Số điện thoại gồm 8 đến 11 chữ số, có thể có dấu cách, dấu chấm, gạch ngang, ngoặc đơn và +84 ở đầu, ví dụ 024 3874 7408 hoặc 1900 9068."],
            ["4", "00103", "Cần đúng 3 cột (mã cơ quan, địa chỉ, điện thoại), dòng này có 2. Địa chỉ có dấu phẩy phải đặt trong ngoặc kép."],
            ["5", "00101", "Mã 00101 đã có ở dòng 1."],
            ["6", "—", "Thiếu mã cơ quan."],
        ], Rows(preview, "import-errors"));
        Assert.Equal("1 cơ quan sẽ thay đổi · 0 dòng không thay đổi · 5 lỗi", preview.QuerySelector(".import-summary")?.TextContent);
        Assert.Null(preview.QuerySelector("form.import-save"));
        Assert.Equal("Quận Ba Đình, Thành phố Hà Nội", (await OfficeAsync(app, "00101")).Address);

        var latin1 = await browser.PostFormAsync(ImportUrl, [], new() { ["Upload.File"] = ("co-quan.csv", Encoding.Latin1.GetBytes("00102,Phố Hàng Bài,02438234567")) }, "form.import-upload");
        Assert.StartsWith("Tệp không phải văn bản UTF-8.", latin1.Page.QuerySelector(".import-preview .error-summary")!.TextContent);
        var unclosed = await UploadAsync(browser, "00101,\"Phố Đội Cấn,02438234567\n00102,Phố Hàng Bài,02438234568\n");
        Assert.StartsWith("Dòng 1: dấu ngoặc kép mở không được đóng.", unclosed.QuerySelector(".import-preview .error-summary")!.TextContent);
    }

    [Fact]
    public async Task Saving_after_the_offices_changed_since_the_preview_saves_nothing_and_shows_the_new_preview()
    {
        await using var app = new PortalApp();
        var browser = await TestAccounts.AdminAsync(app);
        var preview = await UploadAsync(browser, "00101,Số 4 phố Đội Cấn,02438234567\n");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().BhxhOffices.Where(o => o.Code == "00101")
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Address, "Địa chỉ do quản trị viên khác sửa"));

        var (_, again) = await browser.PostAsync(preview, ImportUrl, [], formSelector: "form.import-save");

        Assert.StartsWith("Danh sách cơ quan đã thay đổi kể từ lúc xem trước", again.QuerySelector("p.notice")!.TextContent);
        Assert.Equal("Địa chỉ do quản trị viên khác sửa → Số 4 phố Đội Cấn", Rows(again, "import-changes").Single()[2]);
        Assert.Equal("Địa chỉ do quản trị viên khác sửa", (await OfficeAsync(app, "00101")).Address);

        var (_, done) = await browser.PostAsync(again, ImportUrl, [], formSelector: "form.import-save");
        Assert.NotNull(done.QuerySelector("p.success"));
        Assert.Equal("Số 4 phố Đội Cấn", (await OfficeAsync(app, "00101")).Address);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_a_message_not_a_bare_400()
    {
        await using var app = new PortalApp();
        var browser = await TestAccounts.AdminAsync(app);

        var justOver = await UploadAsync(browser, new string('a', 1024 * 1024 + 1));
        var farOver = await UploadAsync(browser, new string('a', 3 * 1024 * 1024));

        Assert.Equal("Tệp lớn hơn 1 MB. Chia thành nhiều tệp nhỏ hơn.", justOver.QuerySelector("#loi p")!.TextContent);
        Assert.Equal("Tệp lớn hơn 1 MB. Chia thành nhiều tệp nhỏ hơn.", farOver.QuerySelector("#loi p")!.TextContent);
    }
}
