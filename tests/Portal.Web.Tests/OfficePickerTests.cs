using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.AdministrativeUnits;
using Portal.Web.Features.Registration;
using Portal.Web.Tests.Support;
using Xunit.Abstractions;
using static Portal.Web.Tests.Support.Mau01Journey;

namespace Portal.Web.Tests;

/// <summary>Step 4 over HTTP: the office suggested from the address, "Chọn cơ quan khác" without JavaScript, the page's weight.</summary>
public sealed class OfficePickerTests(PortalApp app, ITestOutputHelper output) : IClassFixture<PortalApp>
{
    private const int MaxStepBytes = 30 * 1024;
    private const string Step4 = "/dang-ky/to-khai/4";

    /// <summary>
    /// A browser at step 4 after the journey's 3-tier address (01 › 009 Quận Thanh Xuân › 00343 Phường Nhân Chính),
    /// or the address given.
    /// </summary>
    private async Task<Mau01Client> AtOfficeStepAsync(Dictionary<string, string>? address = null)
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, Details);
        Assert.Equal(Step4, await PostStepAsync(client, 3, address ?? Address));
        return client;
    }

    private static string? Checked(IHtmlDocument page) =>
        page.QuerySelectorAll("input[name='Input.OfficeCode'][checked]").SingleOrDefault()?.GetAttribute("value");

    private static List<string> Offered(IHtmlDocument page) =>
        page.QuerySelectorAll("input[name='Input.OfficeCode']").Select(r => r.GetAttribute("value")!).ToList();

    [Fact]
    public async Task Step_4_preselects_the_district_office_of_a_3_tier_address_shows_its_contact_and_weighs_at_most_30_KB()
    {
        var client = await AtOfficeStepAsync();

        using var response = await client.Http.GetAsync(Step4);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"step 4: {bytes.Length:N0} bytes");
        Assert.True(bytes.Length <= MaxStepBytes, $"step 4 is {bytes.Length:N0} bytes");
        var page = Mau01Client.Parse(System.Text.Encoding.UTF8.GetString(bytes));

        Assert.Equal("00109", Checked(page)); // BHXH Quận Thanh Xuân serves GSO district 009
        Assert.Equal(["00109"], Offered(page));
        Assert.Contains("(gợi ý theo địa chỉ)", page.QuerySelector("#OfficeCode li.office")!.TextContent);
        var chosen = page.QuerySelector(".office-chosen")!;
        Assert.False(chosen.HasAttribute("hidden"));
        Assert.Equal("BHXH Tp. Hà Nội » BHXH Quận Thanh Xuân", chosen.QuerySelector(".office-path")!.TextContent);
        Assert.Equal("Quận Thanh Xuân, Thành phố Hà Nội", chosen.QuerySelector(".office-address")!.TextContent);
        Assert.Equal("chưa cập nhật", chosen.QuerySelector(".office-phone")!.TextContent);
        Assert.NotNull(page.QuerySelector("button[name='Input.Action'][value='co-quan-khac']"));
        Assert.Equal("tiep", page.QuerySelector("form.mau01 button[type=submit]")!.GetAttribute("value")); // Enter means Tiếp

        // Tiếp with the preselected office goes on; the review names it.
        var (next, _) = await client.PostFormAsync(Step4, new() { ["Input.OfficeCode"] = "00109", ["Input.SubmissionMethod"] = "AtOffice" });
        Assert.Equal("/dang-ky/to-khai/5", next.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("[00109] BHXH Quận Thanh Xuân", (await client.GetAsync("/dang-ky/to-khai/5")).QuerySelector(".summary")!.TextContent);
    }

    [Fact]
    public async Task Without_javascript_chon_co_quan_khac_lists_another_provinces_offices_and_the_choice_reaches_the_review()
    {
        var client = await AtOfficeStepAsync();

        // "Chọn cơ quan khác" opens on the suggestion's province; what was ticked on the step stays ticked.
        var (opened, page) = await client.PostFormAsync(Step4, new()
        {
            ["Input.OfficeCode"] = "00109", ["Input.SubmissionMethod"] = "ByPost", ["Input.Action"] = Mau01Actions.OtherOffice,
        });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(Step4, opened.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Empty(page.QuerySelectorAll(".error-summary"));
        Assert.Equal("001", page.QuerySelector("#OfficeCode-tinh option[selected]")!.GetAttribute("value"));
        Assert.Equal(63, page.QuerySelectorAll("#OfficeCode-tinh option").Length);
        Assert.Equal(32, Offered(page).Count); // BHXH Tp. Hà Nội and its district offices, each once
        Assert.Equal("00109", Offered(page)[0]); // the suggestion stays on top, out of the list that another province replaces
        Assert.DoesNotContain("00109", page.QuerySelectorAll("#OfficeCode-danh-sach input").Select(r => r.GetAttribute("value")));
        Assert.Equal("00109", Checked(page));
        Assert.NotNull(page.QuerySelector("input[name='Input.SubmissionMethod'][value='ByPost'][checked]"));
        Assert.NotNull(page.QuerySelector("button[name='Input.Action'][value='chon']"));
        var openBytes = (await opened.Content.ReadAsByteArrayAsync()).Length;
        output.WriteLine($"step 4 with Hà Nội's 32 offices listed: {openBytes:N0} bytes");
        Assert.True(openBytes <= MaxStepBytes, $"step 4 with a province listed is {openBytes:N0} bytes");

        // "Cập nhật danh sách cơ quan" lists Hồ Chí Minh City's offices; the office ticked before stays offered, above.
        var (listed, hcm) = await client.PostAsync(page, Step4, new()
        {
            ["Input.OfficeCode"] = "00109", ["Input.SubmissionMethod"] = "ByPost",
            ["Input.OfficeProvinceCode"] = "079", ["Input.Action"] = Mau01Actions.Refresh,
        });
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("079", hcm.QuerySelector("#OfficeCode-tinh option[selected]")!.GetAttribute("value"));
        Assert.Contains("07919", Offered(hcm));
        Assert.All(hcm.QuerySelectorAll("#OfficeCode-danh-sach input"), r => Assert.StartsWith("079", r.GetAttribute("value")));
        Assert.Equal("00109", Checked(hcm));

        var (next, _) = await client.PostAsync(hcm, Step4, new() { ["Input.OfficeCode"] = "07919", ["Input.SubmissionMethod"] = "ByPost" });
        Assert.Equal("/dang-ky/to-khai/5", next.RequestMessage!.RequestUri!.AbsolutePath);
        var review = (await client.GetAsync("/dang-ky/to-khai/5")).QuerySelector(".summary")!.TextContent;
        Assert.Contains("[07919] BHXH Quận 7", review);

        // Back on step 4 the chosen office stays chosen, the suggestion beside it.
        var again = await client.GetAsync(Step4);
        Assert.Equal("07919", Checked(again));
        Assert.Equal(["00109", "07919"], Offered(again));
        Assert.Contains("BHXH Quận 7", again.QuerySelector(".office-chosen .office-path")!.TextContent);
    }

    [Fact]
    public async Task A_changed_address_brings_its_own_suggestion_unless_another_office_was_chosen()
    {
        var client = await AtOfficeStepAsync();
        await PostStepAsync(client, 4, new() { ["Input.OfficeCode"] = "00109", ["Input.SubmissionMethod"] = "AtOffice" }); // the suggestion, kept

        // "Sửa" the address from the review: Quận Đống Đa › Phường Nam Đồng. Tiếp returns to the review, which names Đống Đa's office.
        var dongDa = new Dictionary<string, string>(Address) { ["Input.DistrictCode"] = "006", ["Input.WardCode"] = "00208" };
        var (edited, _) = await client.PostFormAsync(Mau01Steps.EditUrl(Mau01Step.Address), dongDa);
        Assert.Equal("/dang-ky/to-khai/5", edited.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("[00106] BHXH Quận Đống Đa", (await client.GetAsync("/dang-ky/to-khai/5")).QuerySelector(".summary")!.TextContent);

        // An office chosen instead of the suggestion stays when the address changes again.
        await PostStepAsync(client, 4, new() { ["Input.OfficeCode"] = "07919", ["Input.SubmissionMethod"] = "AtOffice" });
        await PostStepAsync(client, 3, Address);
        Assert.Equal("07919", Checked(await client.GetAsync(Step4)));
        Assert.Contains("[07919] BHXH Quận 7", (await client.GetAsync("/dang-ky/to-khai/5")).QuerySelector(".summary")!.TextContent);
    }

    [Theory]
    [InlineData("99999", "Cơ quan BHXH đã chọn không có trong danh mục.")]
    [InlineData("00106<script>", "Cơ quan BHXH đã chọn không có trong danh mục.")]
    [InlineData("", "Vui lòng chọn cơ quan BHXH tiếp nhận.")]
    public async Task An_office_not_in_the_directory_is_refused_with_one_message_at_the_field(string code, string message)
    {
        var client = await AtOfficeStepAsync();

        var (response, page) = await client.PostFormAsync(Step4, new() { ["Input.OfficeCode"] = code, ["Input.SubmissionMethod"] = "AtOffice" });
        Assert.Equal(Step4, response.RequestMessage!.RequestUri!.AbsolutePath);
        var field = page.QuerySelector("fieldset#OfficeCode")!;
        Assert.Contains("has-error", field.ClassList);
        Assert.Equal(["Lỗi: " + message], field.QuerySelectorAll(".field-error").Select(e => e.TextContent).ToList());
        Assert.Equal([message], page.QuerySelectorAll(".error-summary a[href='#OfficeCode']").Select(a => a.TextContent).ToList());
        Assert.Null(Checked(page));
        Assert.True(page.QuerySelector(".office-chosen")!.HasAttribute("hidden"));
        Assert.Contains("00109", Offered(page)); // the suggestion is still there to pick
    }

    [Fact]
    public async Task Step_4_preselects_the_office_of_the_old_district_a_2_tier_ward_came_from()
    {
        // Phường Thanh Xuân (Thành phố Hà Nội, nq202-2025) was made of 4 old wards of Quận Thanh Xuân.
        var client = await AtOfficeStepAsync(Address2Tier);

        using var response = await client.Http.GetAsync(Step4);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length <= MaxStepBytes, $"step 4 is {bytes.Length:N0} bytes");
        var page = Mau01Client.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal("00109", Checked(page));
        Assert.Contains("(gợi ý theo địa chỉ)", page.QuerySelector("#OfficeCode li.office")!.TextContent);
        Assert.Equal("BHXH Tp. Hà Nội » BHXH Quận Thanh Xuân", page.QuerySelector(".office-chosen .office-path")!.TextContent);

        var (next, _) = await client.PostFormAsync(Step4, new() { ["Input.OfficeCode"] = "00109", ["Input.SubmissionMethod"] = "AtOffice" });
        Assert.Equal("/dang-ky/to-khai/5", next.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_2_tier_address_suggests_the_office_of_the_old_district_its_ward_came_from()
    {
        using var scope = app.Services.CreateScope();
        var step = scope.ServiceProvider.GetRequiredService<OfficeChoice>();

        // Phường Kim Liên (nq202-2025) was made of old wards of Quận Đống Đa.
        var picker = await step.PrepareAsync(new AddressCodes(AdministrativeScheme.Resolution202Of2025, "01", null, "00229"),
            chosenCode: null, isPost: false, action: null, provinceOfficeCode: null);
        Assert.Equal("00106", picker.Suggested!.Code);
        Assert.Equal("00106", picker.SelectedCode);
        Assert.False(picker.OtherOpen);

        // Đặc khu Côn Đảo (now in Hồ Chí Minh City) continues Huyện Côn Đảo, whose office belongs to BHXH Bà Rịa - Vũng Tàu.
        picker = await step.PrepareAsync(new AddressCodes(AdministrativeScheme.Resolution202Of2025, "79", null, "26732"),
            chosenCode: null, isPost: false, action: null, provinceOfficeCode: null);
        Assert.Equal("07708", picker.SelectedCode);
    }

    [Fact]
    public async Task Without_a_suggestion_or_a_choice_the_province_list_is_open()
    {
        using var scope = app.Services.CreateScope();
        var step = scope.ServiceProvider.GetRequiredService<OfficeChoice>();

        var picker = await step.PrepareAsync(new AddressCodes(AdministrativeScheme.Gso3Tier, null, null, null),
            chosenCode: null, isPost: false, action: null, provinceOfficeCode: null);
        Assert.Null(picker.Suggested);
        Assert.True(picker.OtherOpen);
        Assert.Null(picker.OtherProvince);
    }
}
