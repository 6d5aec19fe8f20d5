using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.AdministrativeUnits;
using Portal.Infrastructure.Persistence;
using Portal.Web.Tests.Support;
using static Portal.Web.Tests.Support.Mau01Journey;

namespace Portal.Web.Tests;

/// <summary>Step 3 offers the 2-tier address in force since 1 July 2025 first, and the old 3-tier one for older papers.</summary>
public sealed class Mau01AddressSchemeTests(PortalApp app) : IClassFixture<PortalApp>
{
    private async Task<Mau01Client> UpToAddressAsync(Dictionary<string, string> details)
    {
        var client = await StartAsync(app);
        await PostStepAsync(client, 1, [], IndividualPhotos());
        await PostStepAsync(client, 2, details);
        return client;
    }

    [Fact]
    public async Task The_address_step_starts_with_the_two_tier_scheme()
    {
        var client = await UpToAddressAsync(Details);
        var step3 = await client.GetAsync("/dang-ky/to-khai/3");

        Assert.Equal(AdministrativeScheme.Resolution202Of2025, step3.QuerySelector("input[name='Input.AddressScheme'][checked]")!.GetAttribute("value"));
        Assert.Null(step3.QuerySelector("#DistrictCode"));
        Assert.Equal(34, step3.QuerySelectorAll("#ProvinceCode option").Count(o => o.GetAttribute("value") != ""));
        Assert.Equal("/api/dia-chi/nq202-2025/tinh/{code}/xa", step3.QuerySelector("#ProvinceCode")!.GetAttribute("data-cascade-url"));
        Assert.Contains(step3.QuerySelectorAll("label.choice"), l => l.TextContent.Contains("Địa chỉ theo địa giới hành chính cũ"));
    }

    [Fact]
    public async Task Without_javascript_the_old_scheme_and_the_ward_lists_come_by_cap_nhat_danh_sach()
    {
        var client = await UpToAddressAsync(Details);

        var (_, old) = await client.PostFormAsync("/dang-ky/to-khai/3", new() { ["Input.AddressScheme"] = "gso", ["Input.Street"] = "Số 1", ["Input.Action"] = "chon" });
        Assert.NotNull(old.QuerySelector("#DistrictCode"));
        Assert.Equal("gso", old.QuerySelector("input[name='Input.AddressScheme'][checked]")!.GetAttribute("value"));
        Assert.Equal("Số 1", old.QuerySelector("#Street")!.GetAttribute("value"));
        Assert.Null(old.QuerySelector(".error-summary"));

        var (_, current) = await client.PostAsync(old, "/dang-ky/to-khai/3",
            new() { ["Input.AddressScheme"] = "nq202-2025", ["Input.ProvinceCode"] = "01", ["Input.Street"] = "Số 1", ["Input.Action"] = "chon" });
        Assert.Null(current.QuerySelector("#DistrictCode"));
        var (_, wards) = await client.PostAsync(current, "/dang-ky/to-khai/3",
            new() { ["Input.AddressScheme"] = "nq202-2025", ["Input.ProvinceCode"] = "01", ["Input.Street"] = "Số 1", ["Input.Action"] = "chon" });
        Assert.Contains(wards.QuerySelectorAll("#WardCode option"), o => o.GetAttribute("value") == "00367" && o.TextContent.Contains("Phường Thanh Xuân"));
    }

    [Fact]
    public async Task A_ward_of_another_province_is_refused_in_the_two_tier_scheme()
    {
        var client = await UpToAddressAsync(Details);
        var (_, page) = await client.PostFormAsync("/dang-ky/to-khai/3", new Dictionary<string, string>(Address2Tier) { ["Input.ProvinceCode"] = "79" });
        Assert.Equal("Xã/phường không thuộc tỉnh/thành phố đã chọn.", page.QuerySelector("#WardCode-error")!.TextContent.Replace("Lỗi: ", ""));
    }

    [Fact]
    public async Task A_two_tier_address_is_written_so_on_the_review_the_declaration_and_the_pdf()
    {
        var client = await UpToAddressAsync(new Dictionary<string, string>(Details) { ["Input.MaSoBhxh"] = "0777777777" });
        Assert.Equal("/dang-ky/to-khai/4", await PostStepAsync(client, 3, Address2Tier));
        await PostStepAsync(client, 4, Office);

        var review = await client.GetAsync("/dang-ky/to-khai/5");
        const string expected = "Số 12 ngõ 34 phố Nguyễn Trãi, Phường Thanh Xuân, Thành phố Hà Nội";
        Assert.Contains(expected, review.QuerySelector(".summary")!.TextContent);

        var (done, confirmation) = await client.PostFormAsync("/dang-ky/to-khai/5", new() { ["Input.Commitment"] = "true", ["Input.CaptchaAnswer"] = PortalApp.CaptchaCode });
        Assert.Equal("/dang-ky/hoan-tat", done.RequestMessage!.RequestUri!.AbsolutePath);

        using (var scope = app.Services.CreateScope())
        {
            var declaration = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Declarations.SingleAsync(d => d.MaSoBhxh == "0777777777");
            Assert.Equal(AdministrativeScheme.Resolution202Of2025, declaration.Address.SchemeCode);
            Assert.Null(declaration.Address.DistrictCode);
            Assert.Equal("00367", declaration.Address.WardCode);
            Assert.Equal(expected, declaration.Address.FullText);
        }

        var pdfHref = confirmation.QuerySelectorAll("a").First(a => a.GetAttribute("href")!.Contains(".pdf", StringComparison.Ordinal)).GetAttribute("href");
        var text = Mau01FlowTests.PdfText(await client.Http.GetByteArrayAsync(pdfHref));
        Assert.Contains("Phường Thanh Xuân", text);
        Assert.DoesNotContain("Quận Thanh Xuân", text);
    }
}
