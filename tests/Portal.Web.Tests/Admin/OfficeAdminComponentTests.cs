using Bunit;
using Portal.Domain.Offices;
using Portal.Web.Features.Admin.Offices;

namespace Portal.Web.Tests.Admin;

/// <summary>The office list's table and the CSV import's preview (bUnit).</summary>
public sealed class OfficeAdminComponentTests
{
    [Fact]
    public void The_table_lists_each_province_office_before_its_districts_with_contact_source_and_edit_link()
    {
        using var ctx = new BunitContext();

        var cut = ctx.Render<OfficeTable>(p => p.Add(c => c.Provinces, OfficeCsvTests.Offices().Provinces));

        Assert.Equal("3 cơ quan", cut.Find("caption").TextContent);
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(["province", "district", "district"], rows.Select(r => r.ClassName));
        Assert.Equal(["001", "BHXH Tp. Hà Nội", "chưa cập nhật", "chưa cập nhật", "Theo tài liệu hướng dẫn của BHXH", "Sửa"],
            rows[0].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal(["00101", "BHXH Quận Ba Đình", "Quận Ba Đình, Thành phố Hà Nội", "chưa cập nhật", "Suy ra từ danh mục hành chính, chưa xác nhận", "Sửa"],
            rows[1].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal("/quan-tri/co-quan/00106", rows[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Sửa BHXH Quận Đống Đa", rows[2].QuerySelector("a")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void No_matching_office_says_so()
    {
        using var ctx = new BunitContext();
        var cut = ctx.Render<OfficeTable>(p => p.Add(c => c.Provinces, []));
        Assert.Equal("Không có cơ quan nào khớp.", cut.Find("p.empty").TextContent);
    }

    [Fact]
    public void The_preview_shows_errors_by_line_and_each_change_as_before_and_after()
    {
        using var ctx = new BunitContext();
        var plan = OfficeImportPlan.Make(OfficeCsv.Parse("00101,Phố Đội Cấn,024 3823 4567\n00106,\"Phố Trần Hữu Tước, phường Nam Đồng\",\n00199,Phố X,\n00106,Phố Y,"), OfficeCsvTests.Offices());

        var cut = ctx.Render<OfficeImportPreview>(p => p.Add(c => c.Plan, plan));

        Assert.Equal("2 cơ quan sẽ thay đổi · 0 dòng không thay đổi · 2 lỗi", cut.Find(".import-summary").TextContent);
        Assert.Equal([["3", "00199", "Không có cơ quan BHXH mã 00199."], ["4", "00106", "Mã 00106 đã có ở dòng 2."]],
            cut.FindAll("table.import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()));
        var baDinh = cut.Find("table.import-changes tr[data-code='00101']");
        Assert.Equal(("Quận Ba Đình, Thành phố Hà Nội", "Phố Đội Cấn"), (baDinh.QuerySelector(".address del")!.TextContent, baDinh.QuerySelector(".address ins")!.TextContent));
        Assert.Equal(("(trống)", "02438234567"), (baDinh.QuerySelector(".phone del")!.TextContent, baDinh.QuerySelector(".phone ins")!.TextContent));
        var dongDa = cut.Find("table.import-changes tr[data-code='00106']");
        Assert.Equal("Phố Trần Hữu Tước, phường Nam Đồng (không đổi)", dongDa.QuerySelector(".address")!.TextContent);
        Assert.Equal("02438747408 → (trống)", dongDa.QuerySelector(".phone")!.TextContent);
        Assert.Empty(cut.FindAll(".import-unchanged"));
    }

    [Fact]
    public void A_file_that_cannot_be_read_shows_why_and_nothing_else()
    {
        using var ctx = new BunitContext();

        var cut = ctx.Render<OfficeImportPreview>(p => p.Add(c => c.Plan, OfficeImportPlan.Make(OfficeCsv.Parse(""), OfficeCsvTests.Offices())));

        Assert.Equal("Tệp không có dòng dữ liệu nào. Chưa có thay đổi nào được lưu.", cut.Find(".error-summary").TextContent);
        Assert.Empty(cut.FindAll("table"));
        Assert.Empty(cut.FindAll(".import-summary"));
    }
}
