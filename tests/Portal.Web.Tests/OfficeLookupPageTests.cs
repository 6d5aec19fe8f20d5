using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests;

public sealed class OfficeLookupPageTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Url = "/tra-cuu/co-quan-bhxh";

    private static IElement ProvinceDetails(IHtmlDocument page, string code) =>
        page.QuerySelectorAll(".office-tree > li > details")
            .Single(d => d.QuerySelector("summary")!.TextContent.StartsWith($"[{code}]", StringComparison.Ordinal));

    private static string[] OfficeLines(IElement provinceDetails) =>
        provinceDetails.QuerySelectorAll("li.office").Select(li => li.QuerySelector(".office-code")!.TextContent + " " + li.QuerySelector(".office-name")!.TextContent).ToArray();

    [Fact]
    public async Task The_lookup_page_shows_the_seeds_offices_with_their_codes_under_their_province()
    {
        var page = await app.GetDocumentAsync(Url);

        var hanoi = ProvinceDetails(page, "001");
        Assert.Equal("[001] BHXH Tp. Hà Nội", hanoi.QuerySelector("summary")!.TextContent.Trim());
        var lines = OfficeLines(hanoi);
        Assert.Contains("[00101] BHXH Quận Ba Đình", lines);
        Assert.Contains("[00106] BHXH Quận Đống Đa", lines);
        Assert.Contains("[00115] BHXH Quận Hà Đông", lines);

        var hcm = ProvinceDetails(page, "079");
        Assert.Equal("[079] BHXH Tp.Hồ Chí Minh", hcm.QuerySelector("summary")!.TextContent.Trim());
        Assert.Contains("[07919] BHXH Quận 7", OfficeLines(hcm));

        Assert.Equal(63, page.QuerySelectorAll(".office-tree > li > details").Length);
        Assert.All(page.QuerySelectorAll(".office-tree > li > details"), d => Assert.False(d.HasAttribute("open")));
    }

    [Fact]
    public async Task Each_office_shows_its_address_and_phone()
    {
        var page = await app.GetDocumentAsync(Url);
        var dongDa = page.QuerySelectorAll("li.office").Single(li => li.TextContent.Contains("[00106]"));
        var contact = dongDa.QuerySelector(".office-contact")!.TextContent;
        Assert.Contains("Địa chỉ: Phố Trần Hữu Tước, phường Nam Đồng", contact);
        Assert.Contains("Điện thoại: 02438747408", contact);
        Assert.All(page.QuerySelectorAll("li.office"), li => Assert.Contains("Điện thoại:", li.QuerySelector(".office-contact")!.TextContent));
    }

    [Theory]
    [InlineData("dong da")]
    [InlineData("Đống Đa")]
    [InlineData("00106")]
    public async Task Search_narrows_the_tree_to_the_matching_office(string query)
    {
        var page = await app.GetDocumentAsync($"{Url}?q={Uri.EscapeDataString(query)}");

        var province = Assert.Single(page.QuerySelectorAll(".office-tree > li > details"));
        Assert.True(province.HasAttribute("open"));
        Assert.Equal(["[00106] BHXH Quận Đống Đa"], OfficeLines(province));
        Assert.Equal(query, ((IHtmlInputElement)page.QuerySelector("input#q")!).Value);
    }

    [Fact]
    public async Task Search_by_province_lists_its_district_offices()
    {
        var page = await app.GetDocumentAsync($"{Url}?q=ho+chi+minh");
        var province = Assert.Single(page.QuerySelectorAll(".office-tree > li > details"));
        Assert.Contains("[07919] BHXH Quận 7", OfficeLines(province));
        Assert.True(OfficeLines(province).Length > 20);
    }

    [Theory]
    [InlineData("zzqqxx không có")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%%%'\";--")]
    public async Task A_query_that_matches_nothing_gets_a_friendly_empty_state(string query)
    {
        using var response = await app.CreateClient().GetAsync($"{Url}?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(page.QuerySelectorAll(".office-tree"));
        var empty = page.QuerySelector(".empty")!;
        Assert.Contains("Không tìm thấy cơ quan BHXH nào khớp với", empty.TextContent);
        Assert.Contains(query, empty.TextContent);
        Assert.NotNull(empty.QuerySelector("a[href='/tra-cuu/co-quan-bhxh']"));
    }

    [Fact]
    public async Task An_over_long_query_is_answered_with_a_message_not_an_error()
    {
        var page = await app.GetDocumentAsync($"{Url}?q={new string('a', 5000)}");
        Assert.Contains("dài quá 100 ký tự", page.QuerySelector(".empty")!.TextContent);
    }

    [Fact]
    public async Task The_page_works_without_javascript()
    {
        var page = await app.GetDocumentAsync(Url);
        Assert.Empty(page.QuerySelectorAll("script"));
        var form = page.QuerySelector("form[role=search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(page.QuerySelector("label[for=q]"));
    }
}
