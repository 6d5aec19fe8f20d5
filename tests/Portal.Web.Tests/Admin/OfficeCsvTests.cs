using System.Text;
using Portal.Domain.Offices;
using Portal.Web.Features.Admin.Offices;

namespace Portal.Web.Tests.Admin;

/// <summary>Reading the office import's CSV, and the plan it makes against an office tree.</summary>
public sealed class OfficeCsvTests
{
    internal static OfficeTree Offices()
    {
        var dongDa = BhxhOffice.ForDistrict("00106", "BHXH Quận Đống Đa", "001", OfficeSource.Seed);
        dongDa.UpdateContact("Phố Trần Hữu Tước, phường Nam Đồng", "02438747408");
        var baDinh = BhxhOffice.ForDistrict("00101", "BHXH Quận Ba Đình", "001", OfficeSource.Derived);
        baDinh.UpdateContact("Quận Ba Đình, Thành phố Hà Nội", null);
        return new OfficeTree([BhxhOffice.ForProvince("001", "BHXH Tp. Hà Nội", OfficeSource.Seed), baDinh, dongDa]);
    }

    [Fact]
    public void Quoted_fields_keep_separators_doubled_quotes_and_line_breaks_and_records_keep_their_first_line()
    {
        var file = OfficeCsv.Parse("code,address,phone\r\n00101,\"Số 4 \"\"Đội Cấn\"\", phường\nĐội Cấn\",024\r\n\r\n00106,Phố A,\n");

        Assert.Null(file.Problem);
        Assert.Equal([(2, new[] { "00101", "Số 4 \"Đội Cấn\", phường\nĐội Cấn", "024" }), (5, new[] { "00106", "Phố A", "" })],
            file.Records.Select(r => (r.Line, r.Fields.ToArray())));
    }

    [Theory]
    [InlineData("00101;Phố A, phường B;024", new[] { "00101", "Phố A, phường B", "024" })]
    [InlineData("00101,\"Phố A; phường B\",024", new[] { "00101", "Phố A; phường B", "024" })]
    [InlineData("Mã cơ quan;Địa chỉ;Điện thoại\n00101;Phố A;024", new[] { "00101", "Phố A", "024" })]
    public void The_separator_is_the_one_the_first_line_has_more_of_and_a_header_is_skipped(string text, string[] fields) =>
        Assert.Equal(fields, Assert.Single(OfficeCsv.Parse(text).Records).Fields);

    [Fact]
    public void A_byte_order_mark_is_ignored_and_bytes_that_are_not_utf8_refuse_the_file()
    {
        Assert.Equal("00101", OfficeCsv.Read([.. Encoding.UTF8.GetPreamble(), .. "00101,Phố A,"u8.ToArray()]).Records.Single().Fields[0]);
        Assert.StartsWith("Tệp không phải văn bản UTF-8.", OfficeCsv.Read(Encoding.Latin1.GetBytes("00101,Hàng Bài,")).Problem);
    }

    [Theory]
    [InlineData("00101,\"Phố A,024\n00106,Phố B,024", "Dòng 1: dấu ngoặc kép mở không được đóng.")]
    [InlineData("00101,Phố A,024\n00106,\"Phố\" B,024", "Dòng 2: sau dấu ngoặc kép đóng phải là dấu phân cách hoặc hết dòng.")]
    public void Broken_quotes_refuse_the_file_naming_the_line(string text, string problem) =>
        Assert.Equal(problem, OfficeCsv.Parse(text).Problem);

    [Fact]
    public void More_rows_than_allowed_refuse_the_file_but_a_header_does_not_count()
    {
        var rows = string.Concat(Enumerable.Repeat("00101,Phố A,\n", OfficeCsv.MaxRecords));
        Assert.Equal(OfficeCsv.MaxRecords, OfficeCsv.Parse("ma,dia chi,dien thoai\n" + rows).Records.Count);
        Assert.Equal($"Tệp có quá {OfficeCsv.MaxRecords} dòng dữ liệu; chia thành nhiều tệp.", OfficeCsv.Parse(rows + "00101,Phố A,\n").Problem);
    }

    [Fact]
    public void The_plan_compares_contacts_as_citizens_see_them_and_its_fingerprint_follows_the_before_values()
    {
        var csv = OfficeCsv.Parse("00106, Phố Trần Hữu Tước,  phường Nam Đồng ,(024) 3874-7408\n00106,\"Phố Trần Hữu Tước, phường Nam Đồng\",024 3874 7408\n00101,Phố Đội Cấn,");

        var plan = OfficeImportPlan.Make(csv, Offices());

        Assert.Equal("Cần đúng 3 cột (mã cơ quan, địa chỉ, điện thoại), dòng này có 4. Địa chỉ có dấu phẩy phải đặt trong ngoặc kép.", Assert.Single(plan.Errors).Message);
        Assert.Equal(2, Assert.Single(plan.Unchanged).Line);
        var change = Assert.Single(plan.Changes);
        Assert.Equal((3, OfficeContact.Of("Quận Ba Đình, Thành phố Hà Nội", null), OfficeContact.Of("Phố Đội Cấn", null)), (change.Line, change.Before, change.After));
        Assert.False(plan.CanSave);

        var again = OfficeImportPlan.Make(OfficeCsv.Parse("00101,Phố Đội Cấn,"), Offices());
        var otherBefore = Offices();
        otherBefore.Find("00101")!.UpdateContact("Địa chỉ khác", null);
        Assert.True(again.CanSave);
        Assert.Equal(again.Fingerprint, OfficeImportPlan.Make(OfficeCsv.Parse("00101,Phố Đội Cấn,"), Offices()).Fingerprint);
        Assert.NotEqual(again.Fingerprint, OfficeImportPlan.Make(OfficeCsv.Parse("00101,Phố Đội Cấn,"), otherBefore).Fingerprint);
    }
}
