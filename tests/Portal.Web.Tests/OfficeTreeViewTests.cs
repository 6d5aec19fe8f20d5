using AngleSharp.Html.Parser;
using Bunit;
using Portal.Domain.Offices;
using Portal.Web.Tests.Support;
using Portal.Web.Features.Lookup;

namespace Portal.Web.Tests;

public sealed class OfficeTreeViewTests
{
    private static readonly OfficeTree Tree = SampleOffices.Tree;

    /// <summary>The tree rendered by bUnit with these parameters, parsed as a page.</summary>
    private static Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(Action<ComponentParameterCollectionBuilder<OfficeTreeView>> parameters)
    {
        using var ctx = new BunitContext();
        var cut = ctx.Render(parameters);
        Assert.Contains("Đống Đa", cut.Markup); // Vietnamese as characters, not entities
        return Task.FromResult(new HtmlParser().ParseDocument(cut.Markup));
    }

    [Fact]
    public async Task Browsing_renders_closed_nested_details_without_inputs()
    {
        var page = await RenderAsync(p => p.Add(c => c.Provinces, Tree.Provinces));

        var provinces = page.QuerySelectorAll("ul.office-tree > li > details");
        Assert.Equal(["[001] BHXH Tp. Hà Nội", "[079] BHXH Tp.Hồ Chí Minh"], provinces.Select(d => d.QuerySelector("summary")!.TextContent.Trim()));
        Assert.All(provinces, d => Assert.False(d.HasAttribute("open")));
        Assert.Empty(page.QuerySelectorAll("input"));
        var dongDa = provinces[0].QuerySelectorAll("li.office").Single(li => li.TextContent.Contains("[00106]"));
        Assert.Contains("Phố Trần Hữu Tước, phường Nam Đồng", dongDa.TextContent);
        Assert.Contains("02438747408", dongDa.TextContent);
    }

    [Fact]
    public async Task Derived_offices_are_marked_as_unconfirmed()
    {
        var page = await RenderAsync(p => p.Add(c => c.Provinces, Tree.Provinces));
        var quan1 = page.QuerySelectorAll("li.office").Single(li => li.TextContent.Contains("[07901]"));
        Assert.NotNull(quan1.QuerySelector("abbr[title]"));
        var dongDa = page.QuerySelectorAll("li.office").Single(li => li.TextContent.Contains("[00106]"));
        Assert.Null(dongDa.QuerySelector("abbr"));
    }

    [Fact]
    public async Task ExpandAll_opens_every_province()
    {
        var page = await RenderAsync(p => p.Add(c => c.Provinces, Tree.Provinces).Add(c => c.ExpandAll, true));
        Assert.All(page.QuerySelectorAll("ul.office-tree > li > details"), d => Assert.True(d.HasAttribute("open")));
    }
}
