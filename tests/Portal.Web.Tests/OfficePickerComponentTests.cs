using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Bunit;
using Portal.Domain.Offices;
using Portal.Web.Tests.Support;
using Portal.Web.Features.Registration;

namespace Portal.Web.Tests;

/// <summary>The office picker on its own, rendered by bUnit with the parameters step 4 gives it.</summary>
public sealed class OfficePickerComponentTests
{
    private static readonly OfficeTree Tree = SampleOffices.Tree;

    private static IHtmlDocument Render(Action<ComponentParameterCollectionBuilder<OfficePicker>> parameters, FieldErrors? errors = null)
    {
        using var ctx = new BunitContext();
        var cut = ctx.Render<OfficePicker>(p =>
        {
            p.Add(c => c.Offices, Tree).Add(c => c.Errors, errors ?? new FieldErrors());
            parameters(p);
        });
        return new HtmlParser().ParseDocument(cut.Markup);
    }

    private static List<string> Radios(IHtmlDocument page, string selector = "input[type=radio]") =>
        page.QuerySelectorAll(selector).Select(r => r.GetAttribute("value")!).ToList();

    [Fact]
    public void Closed_it_offers_the_suggestion_checked_with_its_contact_and_a_button_for_another()
    {
        var page = Render(p => p.Add(c => c.Suggested, Tree.Find("00106")).Add(c => c.SelectedCode, "00106"));

        Assert.Equal(["00106"], Radios(page, "input[type=radio][checked]"));
        Assert.Contains("(gợi ý theo địa chỉ)", page.QuerySelector("label")!.TextContent);
        Assert.Equal("BHXH Tp. Hà Nội » BHXH Quận Đống Đa", page.QuerySelector(".office-chosen .office-path")!.TextContent);
        Assert.Equal("02438747408", page.QuerySelector(".office-chosen .office-phone")!.TextContent);
        Assert.Null(page.QuerySelector("select"));
        Assert.Equal("Chọn cơ quan khác", page.QuerySelector("button[value=co-quan-khac]")!.TextContent);
    }

    [Fact]
    public void Open_it_keeps_the_suggestion_and_the_chosen_office_on_top_and_lists_the_provinces_other_offices_once()
    {
        var page = Render(p => p
            .Add(c => c.Suggested, Tree.Find("00106"))
            .Add(c => c.SelectedCode, "07919")
            .Add(c => c.OtherOpen, true)
            .Add(c => c.OtherProvince, Tree.Provinces[0])
            .Add(c => c.OfficeName, "Model.Office")
            .Add(c => c.ProvinceName, "Model.Province"));

        Assert.Equal(["00106", "07919", "001", "00101"], Radios(page));
        Assert.Equal(["001", "00101"], Radios(page, "#OfficeCode-danh-sach input"));
        Assert.Equal(["07919"], Radios(page, "input[checked]"));
        Assert.All(page.QuerySelectorAll("input[type=radio]"), r => Assert.Equal("Model.Office", r.GetAttribute("name")));
        var select = page.QuerySelector("select#OfficeCode-tinh")!;
        Assert.Equal("Model.Province", select.GetAttribute("name"));
        Assert.Equal(["001", "079"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!));
        Assert.Equal("001", select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("button.js-hide[value=chon]"));
        Assert.Equal("BHXH Tp.Hồ Chí Minh » BHXH Quận 7", page.QuerySelector(".office-chosen .office-path")!.TextContent);
    }

    [Fact]
    public void With_no_office_chosen_the_contact_box_is_hidden_and_an_error_stands_in_the_fieldset()
    {
        var errors = new FieldErrors();
        errors.Add("OfficeCode", "Cơ quan BHXH đã chọn không có trong danh mục.");
        var page = Render(p => p.Add(c => c.SelectedCode, "99999").Add(c => c.OtherOpen, true), errors);

        Assert.True(page.QuerySelector(".office-chosen")!.HasAttribute("hidden"));
        Assert.Empty(Radios(page));
        Assert.Equal("", page.QuerySelector("#OfficeCode-tinh option")!.GetAttribute("value")); // "-- Chọn --" until a province is chosen
        var fieldset = page.QuerySelector("fieldset#OfficeCode.has-error")!;
        Assert.Equal("Lỗi: Cơ quan BHXH đã chọn không có trong danh mục.", fieldset.QuerySelector("#OfficeCode-error")!.TextContent);
    }
}
